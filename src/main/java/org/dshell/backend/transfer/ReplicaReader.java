package org.dshell.backend.transfer;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.dshell.backend.Grid;
import org.dshell.backend.StorageElement;
import org.dshell.core.CatalogEntry;
import org.dshell.core.Checksums;
import org.dshell.core.DshellException;
import org.dshell.core.Replica;

/**
 * Reads a file's bytes from the first good replica: each is checked against the catalog's size and
 * Adler32 while it streams into a fresh target; a bad one is named, its target discarded, and the
 * next replica tried. Only bytes that matched are ever committed.
 */
public final class ReplicaReader {

    /** Where one attempt writes; committed only when the bytes matched, else closed (discarded). */
    public interface Target extends AutoCloseable {
        WritableByteChannel channel();

        /** As {@link org.dshell.backend.StorageElement.Upload#readsAhead}. */
        default boolean readsAhead() {
            return true;
        }

        void commit() throws IOException;

        @Override
        void close();
    }

    /** Makes a fresh target for each attempt. */
    @FunctionalInterface
    public interface TargetFactory {
        Target create() throws IOException;
    }

    private ReplicaReader() {
    }

    /** The replicas of {@code entry} that may be read, in the catalog's order; unusable ones are named in {@code skipped}. */
    public static List<StorageElement> readable(Grid grid, List<Replica> replicas, List<String> skipped) {
        List<StorageElement> result = new ArrayList<>();
        for (Replica replica : replicas) {
            StorageElement se = grid.storageElements().stream().filter(s -> s.name().equals(replica.se())).findFirst().orElse(null);
            if (se == null) {
                skipped.add(replica.se() + ": unknown SE");
            } else if (!se.readable()) {
                skipped.add(replica.se() + ": SE not readable");
            } else {
                result.add(se);
            }
        }
        return result;
    }

    /**
     * Copies the bytes of {@code entry} into a target from the first replica that matches the catalog.
     *
     * @param warn told about each bad replica before the next is tried
     * @return the replica used
     */
    public static Replica copy(Grid grid, CatalogEntry entry, List<Replica> replicas, TargetFactory targets,
                        LongConsumer meter, Consumer<String> warn) throws IOException {
        List<String> problems = new ArrayList<>();
        List<StorageElement> sources = readable(grid, replicas, problems);
        for (Replica replica : replicas) {
            StorageElement se = sources.stream().filter(s -> s.name().equals(replica.se())).findFirst().orElse(null);
            if (se == null) {
                continue;
            }
            String problem;
            try {
                problem = check(se, replica, entry, targets, meter);
            } catch (java.io.InterruptedIOException | java.nio.channels.ClosedByInterruptException e) {
                throw e;
            } catch (IOException e) {
                problem = TransferErrors.reason(e);
            }
            if (problem == null) {
                return replica;
            }
            problems.add(replica.se() + ": " + problem);
            warn.accept("bad replica of " + entry.path() + " on " + replica.se() + ": " + problem);
        }
        if (problems.isEmpty()) {
            throw DshellException.failure("no replica of " + entry.path());
        }
        throw DshellException.failure("no good replica of " + entry.path() + " (" + String.join("; ", problems) + ")");
    }

    /** One attempt: null when the bytes matched and the target was committed, else what was wrong. */
    private static String check(StorageElement se, Replica replica, CatalogEntry entry, TargetFactory targets,
                                LongConsumer meter) throws IOException {
        StorageElement.Reading reading = se.read(replica.pfn());
        if (reading == null) {
            return "bytes missing at " + replica.pfn();
        }
        try (ReadableByteChannel in = reading.channel()) {
            if (reading.size() >= 0 && reading.size() != entry.size()) {
                return "size " + reading.size() + " != catalog " + entry.size();
            }
            try (Target target = targets.create()) {
                ByteCopy.Copied copied = ByteCopy.copy(in, target.channel(), meter, entry.size(), target.readsAhead());
                if (copied.size() != entry.size()) {
                    return "size " + copied.size() + " != catalog " + entry.size();
                }
                if (!Checksums.same(copied.checksum(), entry.checksum())) {
                    return "checksum " + copied.checksum() + " != catalog " + entry.checksum();
                }
                target.commit();
                return null;
            }
        }
    }
}
