package org.dshell.backend.local;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

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
    private final Supplier<Identity> identity;
    private final Function<Identity, LfnPath> homeOf;
    private SqliteFileCatalog catalog;
    private LocalWorkloadManager workload;
    private Identity workloadIdentity;

    public LocalGrid(Path root, Identity identity, LfnPath home) {
        this(root, () -> identity, who -> home);
    }

    /**
     * A grid whose identity may change while it runs (it follows the proxy file); the catalog then
     * acts as the new identity and its home is created on first use.
     */
    public LocalGrid(Path root, Supplier<Identity> identity, Function<Identity, LfnPath> homeOf) {
        this.root = root;
        this.identity = identity;
        this.homeOf = homeOf;
    }

    @Override
    public Identity identity() {
        return identity.get();
    }

    @Override
    public synchronized FileCatalog catalog() {
        Identity who = identity.get();
        if (catalog == null) {
            catalog = SqliteFileCatalog.open(root.resolve("catalog.db"), who);
            catalog.ensureHome(homeOf.apply(who));
        } else if (!who.equals(catalog.identity())) {
            catalog.actAs(who);
            catalog.ensureHome(homeOf.apply(who));
        }
        return catalog;
    }

    /** Jobs in {@code jobs.db}, a database of its own, run by the detached job agent. */
    @Override
    public synchronized WorkloadManager workload() {
        Identity who = identity.get();
        // Jobs are submitted as whoever the proxy says now: a new identity gets a manager of its own.
        if (workload == null || !who.equals(workloadIdentity)) {
            if (workload != null) {
                workload.close();
            }
            workload = new LocalWorkloadManager(root, who, homeOf.apply(who), this::catalog, () -> JobDataStager.forGrid(this));
            workloadIdentity = who;
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
