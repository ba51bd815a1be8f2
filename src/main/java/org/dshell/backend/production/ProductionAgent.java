package org.dshell.backend.production;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dshell.backend.local.DetachedProcesses;
import org.dshell.backend.local.LocalGrid;
import org.dshell.config.Settings;
import org.dshell.config.StorageSettings;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;

/**
 * The detached production engine of one {@code $DSHELL_HOME}: a JVM of its own (started by
 * {@link DetachedEngine}) that makes engine passes over every owner's productions, acting as each owner
 * as the job agent does, so productions advance while no dshell runs. An exclusive file lock keeps it
 * single (a second one waits for the first to exit); it exits when no production has work left.
 */
public final class ProductionAgent {
    static final String LOG = "productions.log";
    private static final long BUSY_PAUSE_MILLIS = 200;
    private static final long IDLE_PAUSE_MILLIS = 1000;

    private final Path localRoot;
    private final Map<String, LocalGrid> grids = new HashMap<>();

    private ProductionAgent(Path localRoot) {
        this.localRoot = localRoot;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ProductionAgent LOCAL_GRID_DIRECTORY");
            System.exit(2);
        }
        try {
            new ProductionAgent(Path.of(args[0])).run();
        } catch (RuntimeException | IOException e) {
            System.err.println(Instant.now() + " production engine failed: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(1);
        }
        System.exit(0);
    }

    /** Whom a production's engine pass acts as. */
    private record Owner(String user, String group, String vo, String home) {
    }

    private void run() throws IOException, InterruptedException {
        try (FileChannel channel = FileChannel.open(localRoot.resolve("productions-engine.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock();
             ProductionStore store = ProductionStore.open(localRoot.resolve("productions.db"))) {
            ProcessHandle self = ProcessHandle.current();
            store.write(c -> ProductionEngine.update(c, "INSERT OR REPLACE INTO engine (one, state, pid, since) VALUES (1, 'running', ?, ?)",
                    self.pid(), DetachedProcesses.startMillis(self)));
            while (true) {
                boolean changed = false;
                for (Owner owner : owners(store)) {
                    try {
                        changed |= grid(owner).productions().tick(false);
                    } catch (RuntimeException e) {
                        System.err.println(Instant.now() + " production engine, as " + owner.user() + ": " + e);
                    }
                }
                if (!changed && stop(store)) {
                    break;
                }
                Thread.sleep(changed ? BUSY_PAUSE_MILLIS : IDLE_PAUSE_MILLIS);
            }
        } finally {
            grids.values().forEach(LocalGrid::close);
        }
    }

    /** The owners of productions with work, one identity each (the group of their latest production). */
    private static List<Owner> owners(ProductionStore store) {
        return store.read(c -> {
            Map<String, Owner> byUser = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT owner, owner_group, vo, home FROM productions p WHERE "
                    + DetachedEngine.HAS_WORK + " ORDER BY id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byUser.put(rs.getString(1), new Owner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return new ArrayList<>(byUser.values());
        });
    }

    private LocalGrid grid(Owner owner) {
        return grids.computeIfAbsent(owner.user(), user -> new LocalGrid(localRoot,
                new Identity(owner.user(), owner.group(), owner.vo(), "production owner"), LfnPath.of(owner.home()),
                StorageSettings.load(Settings.load(localRoot.getParent().resolve(Settings.FILE_NAME)), localRoot.getParent())));
    }

    /**
     * Exits only if no production has work, decided in the same kind of write transaction in which shells
     * look at the engine after submitting: either this engine sees the new production, or the shell sees
     * it stopped and starts another.
     */
    private static boolean stop(ProductionStore store) {
        return store.write(c -> {
            if (ProductionEngine.longValue(c, DetachedEngine.WORK) > 0) {
                return false;
            }
            ProductionEngine.update(c, "UPDATE engine SET state = 'stopped', pid = NULL, since = ?", System.currentTimeMillis());
            return true;
        });
    }
}
