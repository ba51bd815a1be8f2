package org.dshell.commands.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dshell.backend.FileCatalog;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The meta and find verbs end to end over a real SQLite catalog. */
class MetaVerbsTest {
    private static final String DATA = "/dteam/user/a/alice/data";

    @TempDir
    Path temp;
    TestShell shell;

    @BeforeEach
    void setUp() {
        shell = new TestShell(temp.resolve("home"), "alice");
        ok("mkdir -p " + DATA + "/run1 " + DATA + "/run2/sub");
        register(DATA + "/run1/a.dat", 100, "SE-A");
        register(DATA + "/run1/b.dat", 200, "SE-B");
        register(DATA + "/run2/c.dat", 300, "SE-A");
        register(DATA + "/run2/sub/d.root", 400, "SE-B");
        ok("meta index -d particle string");
        ok("meta index -f energy float");
        ok("meta index -f run int");
        ok("meta index taken date");
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    private void register(String path, long size, String se) {
        shell.grid().catalog().register(List.of(new FileCatalog.NewFile(LfnPath.of(path), size, "0000abcd",
                "guid-" + size, new Replica(se, "/se/" + size, "AprioriGood"))));
    }

    private TestShell.Result ok(String line) {
        TestShell.Result r = shell.run(line);
        assertEquals(0, r.status(), () -> line + " -> " + r.err());
        return r;
    }

    private TestShell.Result usage(String line) {
        TestShell.Result r = shell.run(line);
        assertEquals(2, r.status(), () -> line + " -> " + r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        return r;
    }

    private List<String> lines(String out) {
        return new ArrayList<>(out.lines().toList());
    }

    @Test
    void fieldsAreListed() {
        assertEquals("""
                NAME      TYPE    SCOPE
                energy    float   file
                particle  string  directory
                run       int     file
                taken     date    directory
                """, ok("meta fields").out());
    }

    @Test
    void directoryValuesAreInheritedAndMarked() {
        ok("meta set " + DATA + " particle=proton");
        ok("meta set " + DATA + "/run1/a.dat energy=4.5 run=7");
        assertEquals("""
                energy    4.5
                particle  proton  (inherited from %s)
                run       7
                """.formatted(DATA), ok("meta get " + DATA + "/run1/a.dat").out());
        ok("meta set " + DATA + "/run2 particle=pion");
        assertEquals(List.of(DATA + "/run1/a.dat", DATA + "/run1/b.dat"), lines(ok("find " + DATA + " particle=proton").out()));
        assertEquals(List.of(DATA + "/run2/c.dat", DATA + "/run2/sub/d.root"), lines(ok("find " + DATA + " particle=pion").out()));
        assertEquals(List.of(DATA + "/run2", DATA + "/run2/sub"), lines(ok("find " + DATA + " particle=pion --dirs").out()));
    }

    @Test
    void setOnManyFilesWithAGlob() {
        ok("meta set " + DATA + "/run*/*.dat run=5");
        assertEquals(List.of(DATA + "/run1/a.dat", DATA + "/run1/b.dat", DATA + "/run2/c.dat"), lines(ok("find " + DATA + " run=5").out()));
        assertEquals("3\n", ok("find " + DATA + " run>=5 --count").out());
        ok("meta rm " + DATA + "/run1/* run");
        assertEquals(List.of(DATA + "/run2/c.dat"), lines(ok("find " + DATA + " run=5").out()));
    }

    @Test
    void globsMatchNamesAndCheckOnlyLiteralTails() {
        ok("cd " + DATA);
        ok("meta set run*/a.dat run=9"); // run2/a.dat does not exist and is not a match
        assertEquals(DATA + "/run1/a.dat\n", ok("find . run=9").out());
        ok("meta set */*/*.root run=8");
        assertEquals(DATA + "/run2/sub/d.root\n", ok("find . run=8").out());
        TestShell.Result r = shell.run("meta set nothing*/a.dat run=1");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("no match: nothing*/a.dat"), r.err());
    }

    @Test
    void findWithoutPathSearchesTheCurrentDirectory() {
        ok("meta set " + DATA + "/run1/b.dat energy=2");
        ok("cd " + DATA + "/run1");
        assertEquals(DATA + "/run1/b.dat\n", ok("find energy<3 energy>1").out());
        assertEquals(DATA + "/run1/b.dat\n", ok("find . Size>150").out());
        assertEquals(DATA + "/run1/a.dat\n", ok("find SE=SE-A").out());
    }

    @Test
    void standardKeysAndPatterns() {
        assertEquals(List.of(DATA + "/run2/sub/d.root"), lines(ok("find " + DATA + " 'Name=*.root'").out()));
        assertEquals(List.of(DATA + "/run1/a.dat", DATA + "/run2/c.dat"), lines(ok("find " + DATA + " SE!=SE-B").out()));
        assertEquals(List.of(DATA + "/run1/b.dat", DATA + "/run2/c.dat"), lines(ok("find " + DATA + " size=200,300").out()));
    }

    @Test
    void jsonAndLongOutput() {
        String json = ok("find " + DATA + " Size>350 --json").out();
        assertTrue(json.contains("\"path\" : \"" + DATA + "/run2/sub/d.root\""), json);
        assertEquals("{\n  \"count\" : 1\n}\n", ok("find " + DATA + " Size>350 --json --count").out());
        assertTrue(ok("find " + DATA + " Size>350 -l").out().contains("alice"));
        ok("meta set " + DATA + " particle=proton");
        assertTrue(ok("meta get --json " + DATA + "/run1").out().contains("\"inherited\" : true"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "find . energy=abc|'energy=abc': energy is a float field, 'abc' is not a number",
        "find . nosuch=1|'nosuch=1': unknown metadata field 'nosuch'",
        "find . energy=~1|'energy=~1': unknown operator '=~'",
        "find . energy>1,2|'energy>1,2': a list of values needs = or !=, not >",
        "find . energy|'energy': no operator",
        "meta set . run=abc|'run=abc': run is an int field, 'abc' is not an integer",
        "meta set . nosuch=1|'nosuch=1': unknown metadata field 'nosuch'",
        "meta set . energy=1|energy is a file field and",
        "meta set run1/a.dat particle=x|particle is a directory field and",
        "meta set run1/a.dat Size=5|'Size=5': Size is a standard key",
        "meta index Size int|'Size' is a standard key",
        "meta index -f x1 blob|unknown type 'blob'",
        "meta index -r nosuch|unknown metadata field 'nosuch'",
        "meta rm . nosuch|unknown metadata field 'nosuch'",
        "find . Size>1 --dirs|'Size' is a file attribute",
    })
    void badInputIsAOneLineUsageError(String line, String message) {
        ok("cd " + DATA);
        ok("meta set run1/a.dat energy=1.5");
        TestShell.Result r = usage(line);
        assertTrue(r.err().contains(message), r.err());
        assertEquals("energy  1.5\n", ok("meta get run1/a.dat").out(), "nothing changed");
    }

    @Test
    void aFailedSetChangesNothing() {
        ok("cd " + DATA);
        // run2/* is c.dat and the directory sub, which cannot take a file field: c.dat is left alone too.
        TestShell.Result r = usage("meta set run2/* run=3");
        assertTrue(r.err().contains("run is a file field and " + DATA + "/run2/sub is a directory"), r.err());
        assertEquals("", ok("meta get run2/c.dat").out());
        assertEquals("", ok("find . run=3").out());
    }

    @Test
    void valuesGoWithRemovedEntriesAndMovedOnes() {
        ok("meta set " + DATA + "/run1/a.dat run=1");
        shell.grid().catalog().move(LfnPath.of(DATA + "/run1/a.dat"), LfnPath.of(DATA + "/run2/a.dat"));
        assertEquals(DATA + "/run2/a.dat\n", ok("find " + DATA + " run=1").out());
        shell.grid().catalog().removeFile(LfnPath.of(DATA + "/run2/a.dat"));
        register(DATA + "/run2/z.dat", 1, "SE-A"); // reuses the freed row id
        assertEquals("", ok("find " + DATA + " run=1").out());
        assertEquals("", ok("meta get " + DATA + "/run2/z.dat").out());
    }

    @Test
    void removingAFieldDropsItsValues() {
        ok("meta set " + DATA + "/run1/a.dat run=1");
        ok("meta index -r run");
        ok("meta index -f run int");
        assertEquals("", ok("find " + DATA + " run=1").out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "find DATA|e|energy",
        "find DATA energy>1|r|run",
        "find DATA|Si|Size",
        "find DATA|s|Size SE Status",
        "meta set DATA|p|particle",
        "meta set DATA|S|''",
        "meta set DATA run=1|t|taken",
        "find DATA|energy>|''",
        "find|DATA/ru|DATA/run1/ DATA/run2/",
        "meta set|DATA/run1/a|DATA/run1/a.dat",
    })
    void tabCompletesFieldNamesAfterThePath(String before, String partial, String expected) {
        List<String> words = List.of(before.replace("DATA", DATA).split(" "));
        java.io.PrintWriter sink = new java.io.PrintWriter(new java.io.StringWriter());
        List<org.dshell.core.completion.Candidate> candidates = new org.dshell.commands.completion.CompletionEngine(shell.verbs())
                .complete(words, partial.replace("DATA", DATA), shell.context(sink, sink, ""));
        assertEquals(expected.replace("DATA", DATA), String.join(" ", candidates.stream().map(c -> c.value()).toList()));
    }

    @Test
    void registerWithMetadataIsWhatPutMetaCalls() {
        var meta = shell.grid().metadata();
        var file = new FileCatalog.NewFile(LfnPath.of(DATA + "/run1/new.dat"), 5, "0000abcd", "g-new", new Replica("SE-A", "/se/new", "AprioriGood"));
        meta.registerWithMetadata(List.of(file), org.dshell.core.meta.MetaAssignment.parseAll(List.of("run=42", "energy=0.5"), meta.lookup()));
        assertEquals(DATA + "/run1/new.dat\n", ok("find " + DATA + " run=42 energy=0.5").out());
        // A directory field is refused before anything is registered.
        var other = new FileCatalog.NewFile(LfnPath.of(DATA + "/run1/other.dat"), 5, "0000abcd", "g-o", new Replica("SE-A", "/se/o", "AprioriGood"));
        org.dshell.core.DshellException e = org.junit.jupiter.api.Assertions.assertThrows(org.dshell.core.DshellException.class, () ->
                meta.registerWithMetadata(List.of(other), org.dshell.core.meta.MetaAssignment.parseAll(List.of("particle=x"), meta.lookup())));
        assertEquals(2, e.exitCode());
        assertTrue(shell.grid().catalog().stat(other.path()).isEmpty());
    }

    @Test
    void settingNeedsWritePermission() {
        ok("meta set " + DATA + "/run1/a.dat run=1");
        ok("chmod 444 " + DATA + "/run1/a.dat");
        TestShell.Result r = shell.run("meta set " + DATA + "/run1/a.dat run=2");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("permission denied: " + DATA + "/run1/a.dat"), r.err());
    }
}
