package org.dshell.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.Grid;
import org.dshell.backend.StorageElement;
import org.dshell.backend.transfer.PublishedCopy;
import org.dshell.backend.transfer.TransferErrors;
import org.dshell.backend.transfer.WrittenCopy;
import org.dshell.commands.CatalogGlob;
import org.dshell.commands.CommandContext;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.dshell.core.Glob;
import org.dshell.core.LfnPath;
import org.dshell.core.Session;

/**
 * {@code put(file, dest)} from a script without the verb's per-call machinery (parsing the words, a
 * worker pool for one file, a JSON summary parsed back): a script calls it once per file, often from
 * {@code parallel}, where that machinery cost several times the upload. The upload is the verb's own
 * transfer code: bytes to the SE under a temporary name with Adler32 on the way, published, then
 * registered through the grid's shared group-commit registrar, so concurrent calls share transactions.
 *
 * <p>Only the plain call takes this path: one local file, optionally a destination directory and
 * {@code se:}, no wildcards, and every check passing (the local file is a regular file, the destination
 * is a catalog directory, the name is free, the SE is writable and has room). Anything else returns
 * null and the caller runs the verb, which makes the same checks and reports what is wrong in its own
 * words. The destination's kind and the SE's free space are kept for a second, so a thousand calls
 * into one directory do not each look them up again.
 *
 * <p>Inside {@code parallel} the call is write-behind (see {@link WriteBehindPuts}), and the name is
 * checked against what that {@code parallel} call knows of the directory (one listing, and the names its
 * puts took), not looked up in the catalog per file: a lookup waits while a batch is being registered.
 * A name taken since the listing by someone else is refused by the catalog at registration, and that
 * item fails alone.
 */
final class DirectPut {
    private static final long KEEP_NANOS = 1_000_000_000L;

    private static final int MAX_DESTINATIONS = 256;

    private final Map<LfnPath, Long> directoriesUntil = new ConcurrentHashMap<>();
    private final Map<String, LfnPath> destinations = new ConcurrentHashMap<>();
    private final Map<String, Space> space = new ConcurrentHashMap<>();

    /** An SE's free bytes when last asked, less what this path has written since. */
    private record Space(long free, long until, AtomicLong used) {
    }

    /**
     * Uploads like {@code put --json}, returning its summary as maps; null when the verb must handle the
     * call. With {@code later} (a {@code parallel} item) only the bytes are written here: they are handed
     * over to be published and registered in a batch, and the returned future settles when that is done.
     */
    Map<String, Object> put(List<?> args, CommandContext ctx, Later later) {
        List<String> words = VerbWords.of(args);
        String seName = null;
        if (words.size() >= 2 && words.get(0).equals("--se")) {
            seName = Glob.literal(words.get(1));
            words = words.subList(2, words.size());
        }
        if (words.isEmpty() || words.size() > 2) {
            return null;
        }
        for (String word : words) {
            if (word.startsWith("-") || Glob.isPattern(word)) {
                return null;
            }
        }
        Session session = ctx.session();
        Path local = session.localPath(Glob.literal(words.get(0)));
        Path name = local.getFileName();
        BasicFileAttributes attributes = regularFile(local);
        if (name == null || attributes == null) {
            return null;
        }
        Grid grid = ctx.grid();
        StorageElement target;
        LfnPath lfn;
        long size;
        CompletableFuture<Void> claimed = null;
        try {
            LfnPath dest = words.size() == 2 ? destination(session, words.get(1)) : session.cwd();
            target = seName == null ? grid.defaultStorage() : grid.storage(seName);
            lfn = dest.child(name.toString());
            size = attributes.size();
            if (!target.writable() || !isDirectory(grid, dest) || !reserve(target, size)) {
                return null;
            }
            if (later == null) {
                if (exists(grid.catalog(), lfn)) {
                    return null;
                }
            } else {
                claimed = later.claim(lfn, grid::catalog);
                if (claimed == null) {
                    return null;
                }
            }
        } catch (DshellException | IOException e) {
            // the verb makes the same check and reports it in its own words
            return null;
        }
        // Past the checks a failure is the upload's own, reported as the verb reports a failed file.
        return upload(local, lfn, size, target, grid, later, claimed);
    }

    /** Where a {@code parallel} item's written bytes go to be finished behind it. */
    interface Later {
        /**
         * Takes {@code lfn} for this put if it is free as far as the {@code parallel} call knows (not in the
         * catalog, not taken by another of its puts); null when not. The put's future, which must be
         * passed to {@link #finish} or failed.
         */
        CompletableFuture<Void> claim(LfnPath lfn, Supplier<FileCatalog> catalog);

        /** Takes over {@code copy} (closing it on failure) and tells the item to wait for the claimed put. */
        void finish(CompletableFuture<Void> claimed, WrittenCopy copy, Path local) throws InterruptedException;
    }

    private Map<String, Object> upload(Path local, LfnPath lfn, long size, StorageElement target, Grid grid, Later later,
                                       CompletableFuture<Void> claimed) {
        long start = System.nanoTime();
        try {
            if (later != null) {
                WrittenCopy copy;
                try {
                    copy = WrittenCopy.write(local, lfn, target, n -> { });
                } catch (IOException | RuntimeException | Error e) {
                    claimed.completeExceptionally(e);
                    throw e;
                }
                later.finish(claimed, copy, local);
            } else {
                try (PublishedCopy copy = PublishedCopy.write(local, lfn, target, n -> { })) {
                    grid.registrar().register(copy.file());
                    copy.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DshellException(ExitStatus.INTERRUPTED, "interrupted");
        } catch (DshellException e) {
            if (e.exitCode() == ExitStatus.INTERRUPTED) {
                throw e;
            }
            throw failure(local, e);
        } catch (IOException | RuntimeException e) {
            throw failure(local, e);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("verb", "put");
        summary.put("done", 1);
        summary.put("skipped", 0);
        summary.put("failed", 0);
        summary.put("bytes", size <= Integer.MAX_VALUE ? (Object) (int) size : (Object) size);
        summary.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
        summary.put("failures", new ArrayList<>());
        return summary;
    }

    private static DshellException failure(Path local, Exception e) {
        if (Thread.currentThread().isInterrupted() || "interrupted".equals(TransferErrors.reason(e))) {
            Thread.currentThread().interrupt();
            return new DshellException(ExitStatus.INTERRUPTED, "interrupted");
        }
        return new VerbFailure("put", ExitStatus.FAILURE, "failed: " + local + ": " + TransferErrors.reason(e));
    }

    /** The catalog directory a destination word names, resolved once per word, working directory and home. */
    private LfnPath destination(Session session, String word) {
        String key = session.cwd() + "\n" + session.home() + "\n" + word;
        LfnPath known = destinations.get(key);
        if (known == null) {
            known = CatalogGlob.resolveLiteral(session, Glob.literal(word));
            if (destinations.size() >= MAX_DESTINATIONS) {
                destinations.clear();
            }
            destinations.put(key, known);
        }
        return known;
    }

    /** One stat for "is it a regular file" and its size; null when it is not one (or cannot be read). */
    private static BasicFileAttributes regularFile(Path local) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(local, BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes : null;
        } catch (IOException e) {
            return null;
        }
    }

    private boolean isDirectory(Grid grid, LfnPath dest) {
        long now = System.nanoTime();
        Long until = directoriesUntil.get(dest);
        if (until != null && now - until < 0) {
            return true;
        }
        boolean directory = grid.catalog().stat(dest).map(CatalogEntry::isDirectory).orElse(false);
        if (directory) {
            directoriesUntil.put(dest, now + KEEP_NANOS);
        }
        return directory;
    }

    /** A name lookup (an index range scan), as the verb does for a few files. */
    static boolean exists(FileCatalog catalog, LfnPath lfn) {
        return catalog.childNames(lfn.parent(), lfn.name()).stream().anyMatch(c -> c.name().equals(lfn.name()));
    }

    private boolean reserve(StorageElement target, long size) throws IOException {
        long now = System.nanoTime();
        Space known = space.get(target.name());
        if (known == null || now - known.until() >= 0) {
            known = new Space(target.freeSpace(), now + KEEP_NANOS, new AtomicLong());
            space.put(target.name(), known);
        }
        return known.used().addAndGet(size) <= known.free();
    }
}
