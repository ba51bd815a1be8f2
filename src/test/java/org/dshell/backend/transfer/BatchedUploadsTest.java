package org.dshell.backend.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.dshell.backend.FileCatalog.NewFile;
import org.dshell.backend.local.DirectoryStorageElement;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batched finishing of uploads: files are registered many to a transaction, each only once its bytes
 * are published; a file the catalog refuses fails alone and loses its bytes; an abort registers nothing
 * more and removes what was not registered.
 */
class BatchedUploadsTest {
    @TempDir
    Path tmp;

    /** A catalog stand-in: records each transaction, checking that the bytes are published first. */
    private final class Catalog implements Consumer<List<NewFile>> {
        final List<List<NewFile>> transactions = Collections.synchronizedList(new ArrayList<>());
        final Map<LfnPath, NewFile> registered = new ConcurrentHashMap<>();
        volatile String refused = "";
        volatile CountDownLatch hold = new CountDownLatch(0);
        final CountDownLatch firstBatch = new CountDownLatch(1);

        @Override
        public void accept(List<NewFile> files) {
            firstBatch.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            for (NewFile file : files) {
                assertEquals(file.size(), size(file), "registered before its bytes were published: " + file.path());
                if (file.path().name().equals(refused)) {
                    throw DshellException.failure("refused: " + file.path());
                }
            }
            transactions.add(List.copyOf(files));
            files.forEach(f -> registered.put(f.path(), f));
        }
    }

    private DirectoryStorageElement se;

    private long size(NewFile file) {
        try {
            return se.size(file.replica().pfn());
        } catch (IOException e) {
            return -2;
        }
    }

    private DirectoryStorageElement se() {
        se = new DirectoryStorageElement("TEST-SE", tmp.resolve("se"), true, true, -1, true);
        return se;
    }

    private List<Path> localFiles(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path file = tmp.resolve("local/f" + i);
            Files.createDirectories(file.getParent());
            Files.write(file, ("bytes of file " + i).repeat(i + 1).getBytes());
            files.add(file);
        }
        return files;
    }

    private static LfnPath lfn(int i) {
        return LfnPath.of("/vo/user/d" + (i % 3) + "/f" + i);
    }

    @Test
    void registersManyFilesPerTransactionEachAfterItsBytesArePublished() throws Exception {
        DirectoryStorageElement target = se();
        Catalog catalog = new Catalog();
        catalog.hold = new CountDownLatch(1); // the first transaction waits, so the others pile up meanwhile
        List<CompletableFuture<Void>> done = new ArrayList<>();
        List<Path> locals = localFiles(200);
        try (BatchedUploads batches = new BatchedUploads(new Registrar(catalog), "test")) {
            for (int i = 0; i < locals.size(); i++) {
                done.add(batches.finish(WrittenCopy.write(locals.get(i), lfn(i), target, n -> { })));
                if (i == 0) {
                    assertTrue(catalog.firstBatch.await(30, TimeUnit.SECONDS));
                }
            }
            catalog.hold.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        assertEquals(200, catalog.registered.size());
        assertTrue(catalog.transactions.size() <= 3, "transactions: " + catalog.transactions.size());
        for (int i = 0; i < locals.size(); i++) {
            NewFile file = catalog.registered.get(lfn(i));
            assertArrayEquals(Files.readAllBytes(locals.get(i)), Files.readAllBytes(se.root().resolve(file.replica().pfn().substring(1))));
        }
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void aFileTheCatalogRefusesFailsAloneAndLosesItsBytes() throws Exception {
        DirectoryStorageElement target = se();
        Catalog catalog = new Catalog();
        catalog.refused = "f7";
        List<CompletableFuture<Void>> done = new ArrayList<>();
        List<Path> locals = localFiles(20);
        try (BatchedUploads batches = new BatchedUploads(new Registrar(catalog), "test")) {
            for (int i = 0; i < locals.size(); i++) {
                done.add(batches.finish(WrittenCopy.write(locals.get(i), lfn(i), target, n -> { })));
            }
        }
        for (int i = 0; i < done.size(); i++) {
            if (i == 7) {
                CompletionException e = assertThrows(CompletionException.class, done.get(i)::join);
                assertEquals("refused: " + lfn(7), e.getCause().getMessage());
            } else {
                done.get(i).join();
            }
        }
        assertEquals(19, catalog.registered.size());
        assertFalse(catalog.registered.containsKey(lfn(7)));
        assertEquals(-1, se.size(lfn(7).toString()), "the refused file's bytes stayed");
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void abortRegistersNothingMoreAndRemovesWhatWasNotRegistered() throws Exception {
        DirectoryStorageElement target = se();
        Catalog catalog = new Catalog();
        catalog.hold = new CountDownLatch(1);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        List<Path> locals = localFiles(50);
        BatchedUploads batches = new BatchedUploads(new Registrar(catalog), "test");
        done.add(batches.finish(WrittenCopy.write(locals.get(0), lfn(0), target, n -> { })));
        assertTrue(catalog.firstBatch.await(30, TimeUnit.SECONDS)); // file 0 is being registered
        for (int i = 1; i < locals.size(); i++) {
            done.add(batches.finish(WrittenCopy.write(locals.get(i), lfn(i), target, n -> { })));
        }
        Thread stopper = new Thread(() -> batches.close(true));
        stopper.start();
        while (stopper.getState() != Thread.State.WAITING) { // close() marked the abort and waits for the batches
            Thread.sleep(1);
        }
        catalog.hold.countDown();
        stopper.join(60_000);
        assertFalse(stopper.isAlive());

        done.get(0).get(10, TimeUnit.SECONDS); // its transaction was under way: it completes
        for (int i = 1; i < done.size(); i++) {
            CompletionException e = assertThrows(CompletionException.class, done.get(i)::join);
            assertTrue(e.getCause() instanceof InterruptedIOException, String.valueOf(e.getCause()));
        }
        assertEquals(List.of(lfn(0)), List.copyOf(catalog.registered.keySet()));
        assertEquals(List.of(lfn(0).toString()), storedFiles(), "bytes without a catalog entry stayed");
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void registerAllReportsEachFileAndOneBadFileFailsAlone() {
        Catalog catalog = new Catalog();
        Registrar registrar = new Registrar(files -> {
            for (NewFile f : files) {
                if (f.path().name().equals("b")) {
                    throw DshellException.failure("refused: " + f.path());
                }
            }
            catalog.transactions.add(List.copyOf(files));
        });
        List<NewFile> files = Stream.of("a", "b", "c").map(n -> new NewFile(LfnPath.of("/vo/" + n), 1, "00000001", n, null)).toList();
        List<RuntimeException> outcomes = registrar.registerAll(files);
        assertEquals(null, outcomes.get(0));
        assertEquals("refused: /vo/b", outcomes.get(1).getMessage());
        assertEquals(null, outcomes.get(2));
        // the batch, then each file alone after it failed
        assertEquals(List.of(List.of(files.get(0)), List.of(files.get(2))), catalog.transactions);
    }

    private List<String> storedFiles() throws IOException {
        List<String> found = new ArrayList<>();
        se.scan("/", o -> {
            if (!o.temporary()) {
                found.add(o.pfn());
            }
        });
        return found.stream().sorted().toList();
    }

    private List<String> temporaryFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(tmp.resolve("se"))) {
            return walk.map(p -> p.getFileName().toString()).filter(DirectoryStorageElement::isTemporaryName).toList();
        }
    }
}
