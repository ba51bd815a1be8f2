package org.dshell.backend;

import org.dshell.core.DshellException;
import org.dshell.core.Identity;

/** The services of one grid (embedded, DIRAC, DiracX) that verbs talk to; opened lazily. */
public interface Grid extends AutoCloseable {

    /** The identity the services act as. */
    Identity identity();

    /** The file catalog; opened on first use. */
    FileCatalog catalog();

    /** The workload management system (jobs); opened on first use. */
    default WorkloadManager workload() {
        throw DshellException.failure("this grid has no workload management system");
    }

    @Override
    void close();
}
