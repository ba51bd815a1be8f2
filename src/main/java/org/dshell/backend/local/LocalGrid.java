package org.dshell.backend.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.Grid;
import org.dshell.backend.StorageElement;
import org.dshell.backend.ProductionManager;
import org.dshell.backend.WorkloadManager;
import org.dshell.backend.transfer.Registrar;
import org.dshell.backend.production.EmbeddedProductionManager;
import org.dshell.config.StorageSettings;
import org.dshell.backend.MetadataCatalog;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;

/**
 * The embedded grid under {@code $DSHELL_HOME/local}: a SQLite catalog (opened on first use, so
 * verbs that need no catalog start without loading the database driver), directory storage
 * elements, and jobs run by a detached local agent.
 */
public final class LocalGrid implements Grid {
    private final Path root;
    private final Supplier<Identity> identity;
    private final Function<Identity, LfnPath> homeOf;
    private final StorageFactory storageFactory;
    private volatile List<StorageElement> storage;
    private volatile String defaultStorage;
    private SqliteFileCatalog catalog;
    private LocalWorkloadManager workload;
    private Identity workloadIdentity;
    private SqliteMetadataCatalog metadata;
    private Registrar registrar;
    private EmbeddedProductionManager productions;
    private Identity productionsIdentity;

    public LocalGrid(Path root, Identity identity, LfnPath home, StorageSettings storage) {
        this(root, () -> identity, who -> home, storage);
    }

    /**
     * A grid whose identity may change while it runs (it follows the proxy file); the catalog then
     * acts as the new identity and its home is created on first use.
     */
    public LocalGrid(Path root, Supplier<Identity> identity, Function<Identity, LfnPath> homeOf, StorageSettings storage) {
        this(root, identity, homeOf, storage, Map.of());
    }

    /** @param env where WebDAV SEs find the proxy and the CAs ($X509_USER_PROXY, $X509_CERT_DIR) */
    public LocalGrid(Path root, Supplier<Identity> identity, Function<Identity, LfnPath> homeOf, StorageSettings storage,
                     Map<String, String> env) {
        this.root = root;
        this.identity = identity;
        this.homeOf = homeOf;
        this.storageFactory = new StorageFactory(env);
        this.storage = storageFactory.create(storage.elements(), List.of());
        this.defaultStorage = storage.defaultName();
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

    /**
     * One for every verb call. It commits as whichever identity the catalog acts as, which the verb
     * call set when it took the catalog; asking again per commit would stat the proxy file each time.
     */
    @Override
    public synchronized Registrar registrar() {
        if (registrar == null) {
            FileCatalog files = catalog();
            registrar = new Registrar(files::register);
        }
        return registrar;
    }

    @Override
    public List<StorageElement> storageElements() {
        return storage;
    }

    @Override
    public StorageElement defaultStorage() {
        return storage(defaultStorage);
    }

    /** After {@code se add/rm}: SEs whose declaration did not change keep their instance (and connections). */
    @Override
    public synchronized void redeclareStorage(StorageSettings declared) {
        storage = storageFactory.create(declared.elements(), storage);
        defaultStorage = declared.defaultName();
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

    /** Starts the detached production engine if productions have work and it is not running (in the background). */
    public void ensureProductionEngineInBackground() {
        if (!java.nio.file.Files.exists(root.resolve("productions.db"))) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                productions().ensureEngine();
            } catch (RuntimeException e) {
                // 'production status' says whether it runs; 'production start ID' starts it
            }
        }, "production-engine-check");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized MetadataCatalog metadata() {
        FileCatalog files = catalog();
        if (metadata == null || !metadata.uses(files)) {
            metadata = new SqliteMetadataCatalog(catalog);
        }
        return metadata;
    }

    /** Productions in {@code productions.db}, driven by the detached production engine or {@code production run --wait}. */
    @Override
    public synchronized ProductionManager productions() {
        Identity who = identity.get();
        if (productions == null || !who.equals(productionsIdentity)) {
            if (productions != null) {
                productions.close();
            }
            productions = new EmbeddedProductionManager(root.resolve("productions.db"), this, () -> homeOf.apply(identity.get()));
            productionsIdentity = who;
        }
        return productions;
    }

    @Override
    public synchronized void close() {
        if (productions != null) {
            productions.close();
            productions = null;
        }
        if (workload != null) {
            workload.close();
            workload = null;
        }
        if (catalog != null) {
            catalog.close();
            catalog = null;
            registrar = null; // it holds the closed catalog
        }
    }
}
