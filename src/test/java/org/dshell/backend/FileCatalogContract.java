package org.dshell.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link FileCatalog} must do, whatever stores it. An implementation's test extends
 * this and says how to open a catalog for an identity and where that identity may write.
 */
public abstract class FileCatalogContract {
    protected static final Identity ALICE = new Identity("alice", "dteam_user", "dteam", "test");
    protected static final Identity BOB = new Identity("bob", "dteam_user", "dteam", "test");
    protected static final Identity EVE = new Identity("eve", "other_group", "dteam", "test");

    @TempDir
    protected Path dir;
    private final List<FileCatalog> opened = new ArrayList<>();
    protected FileCatalog alice;
    protected LfnPath home;

    /** Opens the catalog under test as {@code identity}; every call shares the same namespace. */
    protected abstract FileCatalog open(Identity identity);

    /** A directory the identity owns and may write in. */
    protected abstract LfnPath homeOf(FileCatalog catalog);

    protected FileCatalog as(Identity identity) {
        FileCatalog catalog = open(identity);
        opened.add(catalog);
        return catalog;
    }

    @BeforeEach
    void openAsAlice() {
        alice = as(ALICE);
        home = homeOf(alice);
    }

    @AfterEach
    void closeAll() {
        opened.forEach(FileCatalog::close);
    }

    protected static FileCatalog.NewFile file(LfnPath path, long size) {
        return new FileCatalog.NewFile(path, size, "0000abcd", UUID.randomUUID().toString().toUpperCase(),
                new Replica("SE-A", "/se/a" + path, "AprioriGood"));
    }

    @Test
    void mkdirCreatesOwnedDirectoriesAndParentsWithP() {
        LfnPath deep = home.resolve("a/b/c");
        assertThrows(DshellException.class, () -> alice.mkdir(deep, false));
        alice.mkdir(deep, true);
        CatalogEntry entry = alice.require(deep);
        assertTrue(entry.isDirectory());
        assertEquals("alice", entry.owner());
        assertEquals("dteam_user", entry.group());
        assertEquals(0755, entry.mode());
        alice.mkdir(deep, true); // existing: fine with -p
        assertTrue(assertThrows(DshellException.class, () -> alice.mkdir(deep, false)).getMessage().startsWith("file exists"));
    }

    @Test
    void registersFilesWithReplicasAllOrNothing() {
        LfnPath a = home.resolve("a.dat");
        LfnPath b = home.resolve("b.dat");
        alice.register(List.of(file(a, 10)));
        DshellException e = assertThrows(DshellException.class, () -> alice.register(List.of(file(b, 5), file(a, 7))));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        assertTrue(alice.stat(b).isEmpty(), "a failed batch registers nothing");
        CatalogEntry entry = alice.require(a);
        assertEquals(10, entry.size());
        assertEquals("0000abcd", entry.checksum());
        assertEquals(1, entry.replicaCount());
        assertEquals(List.of(new Replica("SE-A", "/se/a" + a, "AprioriGood")), alice.replicas(a));
    }

    @Test
    void replicasCanBeAddedAndRemoved() {
        LfnPath a = home.resolve("a.dat");
        alice.register(List.of(file(a, 10)));
        alice.addReplica(a, new Replica("SE-B", "/se/b/a.dat", "AprioriGood"));
        assertEquals(2, alice.require(a).replicaCount());
        assertThrows(DshellException.class, () -> alice.addReplica(a, new Replica("SE-B", "/x", "AprioriGood")));
        alice.removeReplica(a, "SE-A");
        assertEquals(List.of("SE-B"), alice.replicas(a).stream().map(Replica::se).toList());
        assertThrows(DshellException.class, () -> alice.removeReplica(a, "SE-A"));
    }

    @Test
    void listsInNameTimeAndSizeOrder() throws InterruptedException {
        alice.register(List.of(file(home.resolve("b"), 3)));
        Thread.sleep(5);
        alice.register(List.of(file(home.resolve("a"), 1)));
        Thread.sleep(5);
        alice.mkdir(home.resolve("c"), false);
        List<String> byName = new ArrayList<>();
        alice.list(home, FileCatalog.Order.NAME, e -> byName.add(e.name()));
        assertEquals(List.of("a", "b", "c"), byName);
        List<String> byTime = new ArrayList<>();
        alice.list(home, FileCatalog.Order.TIME, e -> byTime.add(e.name()));
        assertEquals(List.of("c", "a", "b"), byTime);
        List<String> bySize = new ArrayList<>();
        alice.list(home, FileCatalog.Order.SIZE, e -> bySize.add(e.name()));
        assertEquals(List.of("b", "a", "c"), bySize);
        assertEquals(List.of("a", "b", "c"), alice.childNames(home).stream().map(FileCatalog.ChildName::name).toList());
    }

    @Test
    void childNamesUnderAPrefixAreAnIndexRangeThatMissesNothing() {
        for (String name : List.of("a", "ab", "abc", "abd", "ac", "b", "ab\u00e9", "ab\uD83D\uDE00", "aB")) {
            alice.register(List.of(file(home.child(name), 1)));
        }
        assertEquals(List.of("ab", "abc", "abd", "ab\u00e9", "ab\uD83D\uDE00"),
                alice.childNames(home, "ab").stream().map(FileCatalog.ChildName::name).toList());
        assertEquals(List.of(), alice.childNames(home, "zz"));
        assertEquals(9, alice.childNames(home, "").size());
    }

    @Test
    void rmdirOnlyRemovesEmptyDirectories() {
        LfnPath d = home.resolve("d");
        alice.mkdir(d, false);
        alice.register(List.of(file(d.child("f"), 1)));
        assertTrue(assertThrows(DshellException.class, () -> alice.rmdir(d)).getMessage().startsWith("directory not empty"));
        alice.removeFile(d.child("f"));
        alice.rmdir(d);
        assertTrue(alice.stat(d).isEmpty());
        assertThrows(DshellException.class, () -> alice.rmdir(d));
        assertThrows(DshellException.class, () -> alice.rmdir(LfnPath.ROOT));
    }

    @Test
    void moveCarriesChildrenAndReplicasAndRefusesCycles() {
        LfnPath src = home.resolve("src");
        alice.mkdir(src.resolve("sub"), true);
        alice.register(List.of(file(src.resolve("sub/f"), 4)));
        LfnPath dst = home.resolve("dst");
        alice.move(src, dst);
        assertTrue(alice.stat(src).isEmpty());
        assertEquals(1, alice.require(dst.resolve("sub/f")).replicaCount());
        DshellException cycle = assertThrows(DshellException.class, () -> alice.move(dst, dst.resolve("sub/inner")));
        assertTrue(cycle.getMessage().contains("into itself"), cycle.getMessage());
        alice.mkdir(home.resolve("other"), false);
        assertTrue(assertThrows(DshellException.class, () -> alice.move(dst, home.resolve("other"))).getMessage().startsWith("file exists"));
        assertThrows(DshellException.class, () -> alice.move(home.resolve("missing"), home.resolve("x")));
    }

    @Test
    void errorsNameTheKindOfProblem() {
        LfnPath f = home.resolve("f");
        alice.register(List.of(file(f, 1)));
        assertTrue(assertThrows(DshellException.class, () -> alice.list(f)).getMessage().startsWith("not a directory"));
        assertTrue(assertThrows(DshellException.class, () -> alice.mkdir(f.resolve("x"), true)).getMessage().startsWith("not a directory"));
        assertTrue(assertThrows(DshellException.class, () -> alice.removeFile(home)).getMessage().startsWith("is a directory"));
        assertTrue(assertThrows(DshellException.class, () -> alice.require(home.resolve("nope"))).getMessage().startsWith("no such file"));
    }

    @Test
    void permissionsFollowPosixForOwnerGroupAndOthers() {
        LfnPath shared = home.resolve("shared");
        alice.mkdir(shared, false);
        FileCatalog bob = as(BOB);
        FileCatalog eve = as(EVE);
        // 0755: the group and others may read and enter, not write.
        DshellException denied = assertThrows(DshellException.class, () -> bob.mkdir(shared.child("x"), false));
        assertEquals("permission denied: " + shared, denied.getMessage());
        assertEquals(0, bob.list(shared).size());
        alice.chmod(shared, 0775);
        bob.mkdir(shared.child("x"), false);
        assertThrows(DshellException.class, () -> eve.mkdir(shared.child("y"), false));
        alice.chmod(shared, 0770);
        assertEquals("permission denied: " + shared, assertThrows(DshellException.class, () -> eve.list(shared)).getMessage());
        assertThrows(DshellException.class, () -> eve.stat(shared.child("x")), "no search permission on the way");
        // Only the owner changes mode, owner or group.
        assertThrows(DshellException.class, () -> bob.chmod(shared, 0777));
        assertThrows(DshellException.class, () -> bob.chgrp(shared, "x"));
        alice.chown(shared, "bob");
        bob.chmod(shared, 0700);
        assertEquals("bob", alice.require(shared).owner());
        assertThrows(DshellException.class, () -> alice.list(shared));
    }

    @Test
    void deniedOperationsChangeNothing() {
        LfnPath d = home.resolve("d");
        alice.mkdir(d, false);
        alice.register(List.of(file(d.child("f"), 1)));
        FileCatalog bob = as(BOB);
        assertThrows(DshellException.class, () -> bob.removeFile(d.child("f")));
        assertThrows(DshellException.class, () -> bob.move(d.child("f"), home.resolve("g")));
        assertThrows(DshellException.class, () -> bob.register(List.of(file(d.child("g"), 1))));
        assertEquals(List.of("f"), alice.list(d).stream().map(CatalogEntry::name).toList());
    }

    @Test
    void usageCountsFilesDirectoriesAndBytesRecursively() {
        LfnPath top = home.resolve("top");
        alice.mkdir(top.resolve("a/b"), true);
        alice.register(List.of(file(top.child("f1"), 100), file(top.resolve("a/f2"), 20), file(top.resolve("a/b/f3"), 3)));
        assertEquals(new FileCatalog.Usage(3, 2, 123), alice.usage(top));
        assertEquals(new FileCatalog.Usage(1, 0, 3), alice.usage(top.resolve("a/b")));
    }

    @Test
    void changeListenersHearWhichDirectoryChanged() {
        List<LfnPath> changed = new ArrayList<>();
        alice.addChangeListener(changed::add);
        alice.mkdir(home.child("n"), false);
        alice.register(List.of(file(home.resolve("n/f"), 1)));
        alice.move(home.resolve("n/f"), home.child("g"));
        assertTrue(changed.containsAll(List.of(home, home.child("n"))), changed.toString());
    }

    @Test
    void namesWithSpacesQuotesAndUnicodeRoundTrip() {
        for (String name : List.of("with space", "it's \"quoted\"", "ünïcødé ✓", "semi;colon", "star*")) {
            alice.mkdir(home.child(name), false);
            assertEquals(name, alice.require(home.child(name)).name());
        }
    }
}
