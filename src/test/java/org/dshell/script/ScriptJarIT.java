package org.dshell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts with the packaged jar, where Groovy is not on the class path but loaded from the embedded jar. */
class ScriptJarIT {
    @TempDir
    Path tmp;

    @Test
    void runsAScriptWithItsArgumentsThroughTheIsolatedLoader() throws Exception {
        Files.writeString(tmp.resolve("show.groovy"), "println \"args: ${args.join(',')}\"\nprintln whoami().vo\n");
        JarProcess.Result r = new JarProcess(tmp.resolve("home")).in(tmp).run("", "show.groovy", "a", "b");
        assertEquals(0, r.status(), r.toString());
        assertEquals("args: a,b\ndteam\n", r.out());
        try (var cached = Files.list(tmp.resolve("home/cache"))) {
            assertTrue(cached.anyMatch(p -> p.getFileName().toString().matches("groovy-\\d+\\.jar")));
        }
    }

    @Test
    void shebangScriptsErrorsAndExitStatus() throws Exception {
        Files.writeString(tmp.resolve("tool"), "#!/usr/bin/env dshell\nprintln 'tool ' + args[0]\nexit(4)\n");
        Files.writeString(tmp.resolve("bad.groovy"), "println 'one'\nls('/nowhere')\n");
        JarProcess dshell = new JarProcess(tmp.resolve("home")).in(tmp);
        JarProcess.Result tool = dshell.run("", "tool", "x");
        assertEquals(4, tool.status(), tool.toString());
        assertEquals("tool x\n", tool.out());
        JarProcess.Result bad = dshell.run("", "bad.groovy");
        assertEquals(1, bad.status());
        assertEquals("bad.groovy: line 2: ls: no such file or directory: /nowhere\n", bad.err());
    }

    @Test
    void scriptsAreCompiledOnceAndAgainWhenEdited() throws Exception {
        Path script = tmp.resolve("cached.groovy");
        Files.writeString(script, "println 'one'\nls('/nowhere')\n");
        JarProcess dshell = new JarProcess(tmp.resolve("home")).in(tmp);
        for (int run = 0; run < 2; run++) {
            JarProcess.Result r = dshell.run("", "cached.groovy");
            assertEquals(1, r.status(), r.toString());
            assertEquals("one\n", r.out());
            assertEquals("cached.groovy: line 2: ls: no such file or directory: /nowhere\n", r.err());
            assertEquals(1, cachedScripts(), "one compiled entry for the script");
        }
        Files.writeString(script, "println 'two'\n\nls('/nowhere')\n");
        JarProcess.Result edited = dshell.run("", "cached.groovy");
        assertEquals("two\n", edited.out());
        assertEquals("cached.groovy: line 3: ls: no such file or directory: /nowhere\n", edited.err());
        assertEquals(1, cachedScripts(), "the edited script replaced its old entry");
    }

    private long cachedScripts() throws IOException {
        try (var entries = Files.list(tmp.resolve("home/cache/scripts"))) {
            return entries.filter(p -> p.toString().endsWith(".classes")).count();
        }
    }

    @Test
    void commandsWithoutGroovyNeverLoadIt() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(JarProcess.javaBinary(), "-Xlog:class+load", "-jar",
                JarProcess.jar().toString(), "-c", "pwd")).directory(tmp.toFile()).redirectErrorStream(true);
        builder.environment().put("DSHELL_HOME", tmp.resolve("home").toString());
        builder.environment().put("X509_USER_PROXY", tmp.resolve("x509up").toString());
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains("org.dshell.app.Main"), "class loading is logged");
        List<String> groovy = log.lines().filter(l -> l.matches(".*\\] (groovy|org\\.codehaus\\.groovy|org\\.apache\\.groovy)\\..*")).toList();
        assertEquals(List.of(), groovy);
    }

    @Test
    void evalAndRunInBatchMode() throws IOException {
        Files.writeString(tmp.resolve("step.groovy"), "n = (args[0] as int) * 2\nprintln n\n");
        JarProcess.Result r = new JarProcess(tmp.resolve("home")).in(tmp).run("""
                eval 'x = 20'
                run step.groovy 21
                eval 'x + 2'
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("20\n42\n22\n", r.out());
    }
}
