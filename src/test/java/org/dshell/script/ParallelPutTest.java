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
        return files(dir, count, tag, 0);
    }

    /** Files of small distinct lines, padded by {@code padding} bytes so that their upload takes a while. */
    private List<Path> files(String dir, int count, String tag, int padding) throws Exception {
        Path where = Files.createDirectories(shell.localDir().resolve(dir));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = where.resolve("f" + i + ".dat");
            Files.writeString(file, (tag + " " + i + "\n").repeat(1 + i % 7) + "#".repeat(padding));
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
    void aPendingPutThatTheCatalogRefusesFailsItsItemAloneWithThePutsError() throws Exception {
        // Nothing checks write permission before the bytes move (the verb does not either): the catalog
        // refuses the registration, after the item's worker has moved on.
        files("many", 40, "file");
        assertEquals(0, shell.run("mkdir ok ro; chmod 555 ro").status());
        TestShell.Result r = script("""
                def files = new File(args[0], 'many').listFiles().toList().sort()
                def result = parallel(files, threads: 8) { put(it, it.name.startsWith('f1') ? 'ro' : 'ok') }
                println "${result.successes.size()} ${result.failures.size()}"
                result.failures.collect { it.error }.sort().each { println it }
                """);
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("29 11", lines.get(0), r.toString());
        List<String> expected = new ArrayList<>();
        for (String name : List.of("f1", "f10", "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19")) {
            expected.add("put: failed: " + shell.localDir().resolve("many/" + name + ".dat") + ": permission denied: " + lfn("ro"));
        }
        expected.sort(null);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(lines.get(i + 1).startsWith(expected.get(i)), lines.get(i + 1) + " vs " + expected.get(i));
        }
        assertEquals(29, shell.grid().catalog().childNames(lfn("ok")).size());
        assertEquals(0, shell.grid().catalog().childNames(lfn("ro")).size());
        // the refused files' bytes were removed again: nothing on the SE without an entry
        TestShell.Result fsck = shell.run("fsck ok");
        assertEquals(0, fsck.status(), fsck.toString());
        TestShell.Result seFsck = shell.run("fsck");
        assertEquals(0, seFsck.status(), seFsck.toString());
    }

    @Test
    void ofTwoItemsPuttingTheSameNameTheSecondFailsAsTheVerbDoes() throws Exception {
        // One parallel call knows the names its puts took: the second goes to the verb, which waits for
        // the pending first one and then finds the name taken.
        List<Path> first = files("x", 20, "first");
        List<Path> second = files("y", 20, "second");
        TestShell.Result r = script("""
                mkdir('dup')
                def base = new File(args[0])
                def items = (0..<20).collectMany { [new File(base, "x/f${it}.dat"), new File(base, "y/f${it}.dat")] }
                def result = parallel(items, threads: 8) { put(it, 'dup') }
                println "${result.successes.size()} ${result.failures.size()}"
                result.failures.each { println "FAILED ${it.item.parentFile.name}/${it.item.name} ${it.error}" }
                """);
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("20 20", lines.get(0), r.toString());
        for (int i = 0; i < 20; i++) {
            String name = "f" + i + ".dat";
            String line = onlyFailureFor(lines, name, r);
            Path winner = (line.startsWith("FAILED x/") ? second : first).get(i);
            assertEquals("put: file exists: " + lfn("dup/" + name) + " (use --skip-existing or --force)", errorOf(line));
            assertRegisteredAs("dup/" + name, winner);
        }
        TestShell.Result fsck = shell.run("fsck dup");
        assertEquals(0, fsck.status(), fsck.toString());
    }

    @Test
    void twoParallelCallsPuttingTheSameNamesAtOnceRegisterEachNameOnce() throws Exception {
        // Two parallel calls at once (items of an outer one) do not know each other's names: both put a
        // name while neither is registered, and the catalog refuses the second at registration. The two
        // go through the names in step (a barrier before each put) and each file takes a while to upload,
        // so that both name checks of a pair come before either registration: a tiny file raced so fast
        // that one call could finish before the other began and nothing was refused at registration.
        List<Path> first = files("x", 50, "first", 256 * 1024);
        List<Path> second = files("y", 50, "second", 256 * 1024);
        TestShell.Result r = script("""
                mkdir('dup')
                def base = new File(args[0])
                def inStep = new java.util.concurrent.CyclicBarrier(2)
                def inner = parallel(['x', 'y'], threads: 2) { d ->
                    def names = (0..<50).collect { new File(base, "$d/f${it}.dat") }
                    parallel(names, threads: 1) {
                        inStep.await(60, java.util.concurrent.TimeUnit.SECONDS)
                        put(it, 'dup')
                    }
                }
                def results = inner.values
                println "${results.sum { it.successes.size() }} ${results.sum { it.failures.size() }}"
                results.each { it.failures.each { println "FAILED ${it.item.parentFile.name}/${it.item.name} ${it.error}" } }
                """);
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("50 50", lines.get(0), r.toString());
        int atRegistration = 0;
        for (int i = 0; i < 50; i++) {
            String name = "f" + i + ".dat";
            String line = onlyFailureFor(lines, name, r);
            boolean firstFailed = line.startsWith("FAILED x/");
            Path loser = (firstFailed ? first : second).get(i);
            Path winner = (firstFailed ? second : first).get(i);
            String exists = "file exists: " + lfn("dup/" + name);
            if (errorOf(line).equals("put: failed: " + loser + ": " + exists)) {
                atRegistration++;
            } else {
                // the other was registered before this one's name check: the verb's own message
                assertEquals("put: " + exists + " (use --skip-existing or --force)", errorOf(line));
            }
            assertRegisteredAs("dup/" + name, winner);
        }
        assertTrue(atRegistration > 0, "some puts were refused at registration: " + r);
        TestShell.Result fsck = shell.run("fsck dup");
        assertEquals(0, fsck.status(), fsck.toString());
        TestShell.Result orphans = shell.run("fsck");
        assertEquals(0, orphans.status(), orphans.toString());
    }

    private static String onlyFailureFor(List<String> lines, String name, TestShell.Result r) {
        List<String> failed = lines.stream().filter(l -> l.startsWith("FAILED x/" + name + " ") || l.startsWith("FAILED y/" + name + " ")).toList();
        assertEquals(1, failed.size(), "one of the pair fails: " + r);
        return failed.get(0);
    }

    private static String errorOf(String failedLine) {
        return failedLine.substring(failedLine.indexOf(' ', "FAILED ".length()) + 1);
    }

    @Test
    void failFastStopsAtAFailureThatArrivesFromAPendingPut() throws Exception {
        files("z", 400, "other");
        assertEquals(0, shell.run("mkdir ff ro; chmod 555 ro").status());
        TestShell.Result r = script("""
                def files = new File(args[0], 'z').listFiles().toList().sort { it.name.length() * 1000 + it.name.size() }
                try {
                    parallel(files, threads: 8, failFast: true) { put(it, it.name == 'f0.dat' ? 'ro' : 'ff') }
                    println 'not stopped'
                } catch (e) {
                    println e.message
                    println "${e.result.successes.size()} ${e.result.failures.size()} ${e.result.count}"
                    println "listed ${ls('ff').size()}"
                }
                """);
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("parallel stopped at " + shell.localDir().resolve("z/f0.dat") + ": put: failed: "
                + shell.localDir().resolve("z/f0.dat") + ": permission denied: " + lfn("ro"),
                lines.get(0).replaceAll(" \\(owned by [^)]*\\)$", ""), r.toString());
        String[] counts = lines.get(1).split(" ");
        int ok = Integer.parseInt(counts[0]);
        assertEquals("1 400", counts[1] + " " + counts[2], r.toString());
        assertTrue(ok < 399, "the rest was stopped: " + r);
        // What was stopped left nothing behind: every registered file is an item counted ok, and fsck is clean.
        assertEquals("listed " + ok, lines.get(2), r.toString());
        TestShell.Result fsck = shell.run("fsck ff");
        assertEquals(0, fsck.status(), fsck.toString());
        TestShell.Result orphans = shell.run("fsck");
        assertEquals(0, orphans.status(), orphans.toString());
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
