package org.dshell.backend.local;

import java.nio.file.Path;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.Grid;
import org.dshell.backend.WorkloadManager;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;

/**
 * The embedded grid under {@code $DSHELL_HOME/local}: a SQLite catalog (opened on first use, so
 * verbs that need no catalog start without loading the database driver).
 */
public final class LocalGrid implements Grid {
    private final Path root;
    private final Identity identity;
    private final LfnPath home;
    private SqliteFileCatalog catalog;
    private LocalWorkloadManager workload;

    public LocalGrid(Path root, Identity identity, LfnPath home) {
        this.root = root;
        this.identity = identity;
        this.home = home;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public synchronized FileCatalog catalog() {
        if (catalog == null) {
            catalog = SqliteFileCatalog.open(root.resolve("catalog.db"), identity);
            catalog.ensureHome(home);
        }
        return catalog;
    }

    /** Jobs in {@code jobs.db}, a database of its own, run by the detached job agent. */
    @Override
    public synchronized WorkloadManager workload() {
        if (workload == null) {
            workload = new LocalWorkloadManager(root, identity, home, this::catalog, () -> JobDataStager.forGrid(this));
        }
        return workload;
    }

    /** Lets the job agent record what happened to jobs while no dshell ran (called at start, in the background). */
    public void reconcileJobsInBackground() {
        LocalWorkloadManager.reconcileInBackground(root);
    }

    @Override
    public synchronized void close() {
        if (workload != null) {
            workload.close();
            workload = null;
        }
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }
}
