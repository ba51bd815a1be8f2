package org.dshell.script;

import static org.dshell.script.ScriptTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.Adler32;

import org.dshell.core.CatalogEntry;
import org.dshell.core.Checksums;
import org.dshell.core.LfnPath;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code put} inside {@code parallel} is write-behind (see WriteBehindPuts): the item's worker writes the
 * bytes and moves on, the file is published and registered in a batch, the item settles then, and
 * {@code parallel} returns once all have settled. Other calls see every put made before them.
 */
class ParallelPutTest {
    @TempDir
    Path tmp;
    TestShell shell;

    @BeforeEach
    void open() {
        shell = new TestShell(tmp.resolve("home"), "alice");
    }

    @AfterEach
    void close() {
        shell.close();
    }

    private TestShell.Result script(String text) throws Exception {
        write(shell, "t.groovy", text);
        return shell.run("run t.groovy " + shell.localDir());
    }

    /** Files {@code prefix0.dat ...} in a local directory, of different sizes, with {@code tag} in their content. */
    private List<Path> files(String dir, int count, String tag) throws Exception {
        Path where = Files.createDirectories(shell.localDir().resolve(dir));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = where.resolve("f" + i + ".dat");
            Files.writeString(file, (tag + " " + i + "\n").repeat(1 + i % 7));
            files.add(file);
        }
        return files;
    }

    private LfnPath lfn(String relative) {
        return shell.session().cwd().resolve(relative);
    }

    private Optional<CatalogEntry> entry(String relative) {
        return shell.grid().catalog().stat(lfn(relative));
    }

    private static String adler32(Path file) throws Exception {
        Adler32 adler = new Adler32();
        adler.update(Files.readAllBytes(file));
        return Checksums.adler32Hex(adler);
    }

    private void assertRegisteredAs(String relative, Path local) throws Exception {
        CatalogEntry registered = entry(relative).orElseThrow(() -> new AssertionError("not registered: " + relative));
        assertEquals(Files.size(local), registered.size(), relative);
        assertTrue(Checksums.same(adler32(local), registered.checksum()), relative + ": " + registered.checksum());
    }

    @Test
    void parallelReturnsWithEveryFileRegisteredWithItsSizeAndChecksum() throws Exception {
        List<Path> files = files("many", 300, "file");
        assertEquals(0, shell.run("mkdir bulk").status());
        StringWriter err = new StringWriter();
        ScriptApi api = new ScriptApi(shell.context(new PrintWriter(new StringWriter()), new PrintWriter(err), ""));

        ParallelResult result = api.parallel(files, 8, false, file -> api.call("put", List.of(file, "bulk")));

        // Straight from the catalog, not through a script call that would wait for pending puts first.
        assertTrue(result.getOk(), result.toString());
        assertEquals(300, shell.grid().catalog().childNames(lfn("bulk")).size());
        for (Path file : files) {
            assertRegisteredAs("bulk/" + file.getFileName(), file);
        }
        assertTrue(err.toString().startsWith("parallel: 300 items, 300 ok, 0 failed in "), err.toString());
        // fsck reads every replica back: the bytes are on the SE, and no temporary file is left.
        TestShell.Result fsck = shell.run("fsck bulk");
        assertEquals(0, fsck.status(), fsck.toString());
    }

    @Test
    void aPlainPutOutsideParallelIsRegisteredWhenItReturns() throws Exception {
        Path file = files("one", 1, "single").get(0);
        ScriptApi api = new ScriptApi(shell.context(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), ""));

        Object summary = api.call("put", List.of(file, "."));

        assertEquals(1, ((java.util.Map<?, ?>) summary).get("done"));
        assertRegisteredAs("f0.dat", file);
    }

    @Test
    void ofTwoItemsPuttingTheSameNameOneFailsAndTheOtherIsRegistered() throws Exception {
        // Pairs of files with the same names and other contents, started together: the name check passes
        // for both while neither is registered, so the catalog refuses one of each pair at registration.
        List<Path> first = files("x", 20, "first");
        List<Path> second = files("y", 20, "second");
        List<Path> others = files("z", 40, "other");
        for (Path other : others) {
            Files.move(other, other.resolveSibling("z" + other.getFileName()));
        }
        TestShell.Result r = script("""
                mkdir('dup')
                def base = new File(args[0])
                def items = (0..<20).collectMany { [new File(base, "x/f${it}.dat"), new File(base, "y/f${it}.dat")] }
                items += new File(base, 'z').listFiles().toList()
                def result = parallel(items, threads: 8) { put(it, 'dup') }
                println "${result.successes.size()} ${result.failures.size()}"
                result.failures.each { println "FAILED ${it.item.parentFile.name}/${it.item.name} ${it.error}" }
                println "listed ${ls('dup').size()}"
                """);
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("60 20", lines.get(0), r.toString());
        assertEquals("listed 60", lines.get(lines.size() - 1), r.toString());
        int atRegistration = 0;
        for (int i = 0; i < 20; i++) {
            String name = "f" + i + ".dat";
            List<String> failed = lines.stream().filter(l -> l.startsWith("FAILED x/" + name + " ") || l.startsWith("FAILED y/" + name + " ")).toList();
            assertEquals(1, failed.size(), "one of the pair fails: " + r);
            String line = failed.get(0);
            boolean firstFailed = line.startsWith("FAILED x/");
            Path loser = (firstFailed ? first : second).get(i);
            Path winner = (firstFailed ? second : first).get(i);
            String error = line.substring(line.indexOf(' ', "FAILED ".length()) + 1);
            String exists = "file exists: " + lfn("dup/" + name);
            if (error.equals("put: failed: " + loser + ": " + exists)) {
                atRegistration++;
            } else {
                // the other was registered before this one's name check: the verb's own message
                assertEquals("put: " + exists + " (use --skip-existing or --force)", error);
            }
            assertRegisteredAs("dup/" + name, winner);
        }
        assertTrue(atRegistration > 0, "some duplicates were refused at registration: " + r);
        for (Path other : others) {
            Path moved = other.resolveSibling("z" + other.getFileName());
            assertRegisteredAs("dup/" + moved.getFileName(), moved);
        }
        TestShell.Result fsck = shell.run("fsck dup");
        assertEquals(0, fsck.status(), fsck.toString());
    }

    @Test
    void failFastStopsAtAFailureThatArrivesFromAPendingPut() throws Exception {
        files("x", 1, "first");
        files("y", 1, "second");
        files("z", 300, "other");
        TestShell.Result r = script("""
                mkdir('ff')
                def base = new File(args[0])
                def items = [new File(base, 'x/f0.dat'), new File(base, 'y/f0.dat')] + new File(base, 'z').listFiles().toList().sort()
                try {
                    parallel(items, threads: 8, failFast: true) { put(it, 'ff') }
                    println 'not stopped'
                } catch (e) {
                    println e.message
                    println "${e.result.successes.size()} ${e.result.failures.size()} ${e.result.count}"
                    println "listed ${ls('ff').size()}"
                }
                """);
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("parallel stopped at "), r.toString());
        assertTrue(lines.get(0).contains("file exists: " + lfn("ff/f0.dat")), r.toString());
        String[] counts = lines.get(1).split(" ");
        int ok = Integer.parseInt(counts[0]);
        assertEquals("1", counts[1]);
        assertTrue(ok <= 301, r.toString());
        // What was stopped left nothing behind: every registered file is an item counted ok, and fsck is clean.
        assertEquals("listed " + ok, lines.get(2), r.toString());
        TestShell.Result fsck = shell.run("fsck ff");
        assertEquals(0, fsck.status(), fsck.toString());
    }

    @Test
    void callsAfterAPutInTheSameItemSeeTheFile() throws Exception {
        files("many", 100, "file");
        assertEquals(0, shell.run("meta index -f n int").status());
        TestShell.Result r = script("""
                mkdir('rw')
                def files = new File(args[0], 'many').listFiles().toList()
                def result = parallel(files, threads: 8) {
                    put(it, 'rw')
                    def size = stat("rw/${it.name}")[0].size
                    meta('set', "rw/${it.name}", "n=${size}")
                    size
                }
                println "${result.ok} ${result.values.sum() == files.sum { it.length() }}"
                println find('rw', 'n>0').size()
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("true true\n100\n", r.out());
    }

    @Test
    void anItemThatFailsAfterItsPutStillHasTheFileRegisteredWhenParallelReturns() throws Exception {
        files("many", 50, "file");
        TestShell.Result r = script("""
                mkdir('after')
                def files = new File(args[0], 'many').listFiles().toList()
                def result = parallel(files, threads: 8) { put(it, 'after'); throw new IllegalStateException('after the put') }
                println "${result.successes.size()} ${result.failures*.error.unique()}"
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("0 [IllegalStateException: after the put]\n", r.out());
        assertEquals(50, shell.grid().catalog().childNames(lfn("after")).size());
        TestShell.Result fsck = shell.run("fsck after");
        assertEquals(0, fsck.status(), fsck.toString());
    }

    @Test
    void putsByVerbInsideParallelStillWork() throws Exception {
        files("many", 30, "file");
        TestShell.Result r = script("""
                mkdir('verb')
                def files = new File(args[0], 'many').listFiles().toList()
                def result = parallel(files, threads: 4) { put(it, 'verb'); put(it, 'verb', 'skip-existing': true).skipped }
                println "${result.ok} ${result.values.sum()}"
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("true 30\n", r.out());
        assertEquals(new String(Files.readAllBytes(shell.localDir().resolve("many/f3.dat")), StandardCharsets.UTF_8).length(),
                entry("verb/f3.dat").orElseThrow().size());
    }
}
