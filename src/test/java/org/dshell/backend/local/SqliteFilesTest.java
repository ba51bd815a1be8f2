package org.dshell.backend.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database of the embedded grid (jobs, productions) that several threads create at once. */
class SqliteFilesTest {
    @TempDir
    Path tmp;

    @Test
    void threadsCreatingOneNewDatabaseAtOnceAllOpenIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 40; round++) {
                Path file = tmp.resolve("r" + round).resolve("jobs.db");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Long>> counts = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    counts.add(pool.submit(() -> {
                        start.await();
                        try (SqliteDatabase db = SqliteDatabase.open(file, "job database",
                                c -> { SqliteDatabase.execute(c, "CREATE TABLE IF NOT EXISTS seen (thread INTEGER)"); return null; })) {
                            db.write(c -> c.createStatement().executeUpdate("INSERT INTO seen VALUES (" + thread + ")"));
                            return count(db);
                        }
                    }));
                }
                start.countDown();
                for (Future<Long> count : counts) {
                    count.get(); // each opened, wrote and read
                }
                try (SqliteDatabase db = SqliteDatabase.open(file, "job database", c -> null)) {
                    assertEquals(4L, count(db));
                }
                try (var left = Files.list(file.getParent())) {
                    assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.contains(".new-")).toList(),
                            "no private copies left behind");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(SqliteDatabase db) {
        Long n = db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM seen")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return n;
    }

    @Test
    void anExistingFileIsKept() throws Exception {
        Path file = Files.writeString(tmp.resolve("catalog.db"), "");
        SqliteFiles.createIfMissing(file, made -> {
            throw new AssertionError("made anew");
        });
        assertEquals(0, Files.size(file));
    }
}
