package org.dshell.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** completions/dshell.bash, sourced into a real bash, completes catalog paths through the packaged jar. */
class CompletionScriptsIT {
    @TempDir
    Path tmp;

    @Test
    void bashCompletesCatalogPathsVerbsAndOptions() throws Exception {
        Path home = tmp.resolve("home");
        JarProcess dshell = new JarProcess(home).env("USER", "localuser");
        assertEquals(0, dshell.run("mkdir -p /dteam/user/l/localuser/data/run1 /dteam/user/l/localuser/docs\n").status());
        Path launcher = tmp.resolve("dshell");
        Files.writeString(launcher, "#!/bin/sh\nexec " + JarProcess.javaBinary() + " -jar " + JarProcess.jar() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals("/dteam/user/l/localuser/data/", complete(home, launcher, "dshell ls /dteam/user/l/localuser/da"));
        assertEquals("/dteam/user/l/localuser/data/ /dteam/user/l/localuser/docs/", complete(home, launcher, "dshell ls /dteam/user/l/localuser/d"));
        assertEquals("mkdir", complete(home, launcher, "dshell mkd"));
        assertEquals("--keep-going", complete(home, launcher, "dshell --keep"));
        assertEquals("--bytes", complete(home, launcher, "dshell ls --by"));
    }

    /** Runs bash's completion function as bash would for a command line ending at the cursor. */
    private static String complete(Path home, Path launcher, String line) throws Exception {
        String script = "source completions/dshell.bash\n"
                + "COMP_LINE='" + line + "'\n"
                + "read -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_dshell\n"
                + "echo \"${COMPREPLY[*]}\"\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
        builder.environment().put("DSHELL_HOME", home.toString());
        builder.environment().put("USER", "localuser");
        builder.environment().put("DSHELL_COMMAND", launcher.toString());
        Process bash = builder.redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, bash.waitFor(), out);
        return out;
    }
}
