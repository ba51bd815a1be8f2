package org.dshell.commands.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import org.dshell.backend.Grid;
import org.dshell.backend.StorageElement;
import org.dshell.backend.transfer.TransferErrors;
import org.dshell.core.DshellException;
import org.dshell.core.Replica;

/** Small operations on replica bytes that several verbs share. */
final class DataFiles {
    private DataFiles() {
    }

    /** The SE of a replica, or null when the grid does not know it. */
    /** The SE called {@code name} (the default SE when null), refusing one that may not be written. */
    static StorageElement writableStorage(Grid grid, String name) {
        StorageElement target = name == null ? grid.defaultStorage() : grid.storage(name);
        if (!target.writable()) {
            throw DshellException.failure("SE " + target.name() + " is read-only (se." + target.name() + ".write = false)");
        }
        return target;
    }

    static StorageElement storageOf(Grid grid, Replica replica) {
        for (StorageElement se : grid.storageElements()) {
            if (se.name().equals(replica.se())) {
                return se;
            }
        }
        return null;
    }

    /**
     * Deletes the bytes of replicas that are no longer registered. Best effort: what cannot be
     * deleted is named on {@code err} and left for {@code fsck} (dark data, never a dangling entry).
     */
    static void deleteBytes(Grid grid, List<Replica> replicas, PrintWriter err) {
        for (Replica replica : replicas) {
            StorageElement se = storageOf(grid, replica);
            if (se == null) {
                err.println("warning: cannot delete " + replica.pfn() + ": unknown SE " + replica.se());
                continue;
            }
            if (!se.writable()) {
                err.println("warning: left " + replica.pfn() + " on read-only SE " + replica.se());
                continue;
            }
            try {
                se.delete(replica.pfn());
            } catch (IOException | RuntimeException e) {
                err.println("warning: cannot delete " + replica.pfn() + " on " + replica.se() + ": " + TransferErrors.reason(e));
            }
        }
    }
}
