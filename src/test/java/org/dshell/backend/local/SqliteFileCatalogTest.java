package org.dshell.backend.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.FileCatalogContract;
import org.dshell.core.CatalogEntry;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;
import org.junit.jupiter.api.Test;

/** The contract on the embedded SQLite catalog, plus what only a file database has. */
class SqliteFileCatalogTest extends FileCatalogContract {

    @Override
    protected FileCatalog open(Identity identity) {
        SqliteFileCatalog catalog = SqliteFileCatalog.open(dir.resolve("catalog.db"), identity);
        catalog.ensureHome(LfnPath.of("/dteam/user/" + identity.user().charAt(0) + "/" + identity.user()));
        return catalog;
    }

    @Override
    protected LfnPath homeOf(FileCatalog catalog) {
        return LfnPath.of("/dteam/user/" + catalog.identity().user().charAt(0) + "/" + catalog.identity().user());
    }

    @Test
    void usesWriteAheadLoggingSoProcessesCanShareIt() throws Exception {
        assertTrue(Files.exists(dir.resolve("catalog.db")));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
             var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void freshCatalogHasTheVoTreeWithAGroupWritableVoDirectory() {
        CatalogEntry vo = alice.require(LfnPath.of("/dteam"));
        assertEquals(0775, vo.mode());
        CatalogEntry root = alice.require(LfnPath.ROOT);
        assertEquals("root", root.owner());
        assertEquals("alice", alice.require(home).owner());
    }

    @Test
    void bulkRegistrationOfManyFilesInOneCall() {
        List<FileCatalog.NewFile> files = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            files.add(file(home.child("f" + i), i));
        }
        alice.register(files);
        assertEquals(20_000, alice.usage(home).files());
    }

    /** Commands at once in one daemon each open the catalog; the first time, both create it. */
    @Test
    void threadsCreatingOneNewCatalogAtOnceAllOpenIt() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 40; round++) {
                java.nio.file.Path file = dir.resolve("new-" + round + "/catalog.db");
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<SqliteFileCatalog>> opened = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Identity identity = new Identity("user" + t, "dteam_user", "dteam", "test");
                    opened.add(pool.submit(() -> {
                        start.await();
                        SqliteFileCatalog catalog = SqliteFileCatalog.open(file, identity);
                        catalog.ensureHome(LfnPath.of("/dteam/user/u/" + identity.user()));
                        return catalog;
                    }));
                }
                start.countDown();
                for (java.util.concurrent.Future<SqliteFileCatalog> f : opened) {
                    assertTrue(f.get().stat(LfnPath.of("/dteam/user/u")).isPresent());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
