package org.dshell.backend;

import java.util.List;

import org.dshell.backend.transfer.Registrar;
import org.dshell.core.DshellException;
import org.dshell.core.Identity;

/** The services of one grid (embedded, DIRAC, DiracX) that verbs talk to; opened lazily. */
public interface Grid extends AutoCloseable {

    /** The identity the services act as. */
    Identity identity();

    /** The file catalog; opened on first use. */
    FileCatalog catalog();

    /**
     * Registers uploaded files with group commit. A grid keeps one for all its verb calls, so that
     * concurrent calls (a script's {@code parallel} puts) share transactions instead of queueing on
     * the catalog with one file each.
     */
    default Registrar registrar() {
        return new Registrar(files -> catalog().register(files));
    }

    /** The workload management system (jobs); opened on first use. */
    default WorkloadManager workload() {
        throw DshellException.failure("this grid has no workload management system");
    }

    /** The storage elements this grid knows: the default first, then the others by name. */
    List<StorageElement> storageElements();

    /** The SE called {@code name}; an unknown name is a usage error listing the known ones. */
    default StorageElement storage(String name) {
        for (StorageElement se : storageElements()) {
            if (se.name().equals(name)) {
                return se;
            }
        }
        throw DshellException.usage("unknown SE '" + name + "' (known: "
                + String.join(", ", storageElements().stream().map(StorageElement::name).toList()) + ")");
    }

    /** The SE new replicas go to when no {@code --se} is given. */
    StorageElement defaultStorage();

    /** Takes new SE declarations (after {@code se add} or {@code se rm} changed the settings). */
    default void redeclareStorage(org.dshell.config.StorageSettings declared) {
        throw DshellException.failure("this grid's storage elements are not declared in the settings");
    }

    /** Typed metadata on the catalog's entries; a grid without it says so when asked. */
    default MetadataCatalog metadata() {
        throw org.dshell.core.DshellException.failure("this grid has no metadata catalog");
    }

    /** Productions (multi-step, data-driven workflows); a grid without them says so when asked. */
    default ProductionManager productions() {
        throw DshellException.failure("this grid has no production system");
    }

    @Override
    void close();
}
