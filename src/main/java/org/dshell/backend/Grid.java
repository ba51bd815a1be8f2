package org.dshell.backend;

import org.dshell.core.Identity;

/** The services of one grid (embedded, DIRAC, DiracX) that verbs talk to; opened lazily. */
public interface Grid extends AutoCloseable {

    /** The identity the services act as. */
    Identity identity();

    /** The file catalog; opened on first use. */
    FileCatalog catalog();

    /** Typed metadata on the catalog's entries; a grid without it says so when asked. */
    default MetadataCatalog metadata() {
        throw org.dshell.core.DshellException.failure("this grid has no metadata catalog");
    }

    @Override
    void close();
}
