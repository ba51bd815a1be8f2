package org.dshell.backend.local;

import java.nio.file.Path;
import java.util.List;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.Grid;
import org.dshell.backend.StorageElement;
import org.dshell.config.StorageSettings;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;

/**
 * The embedded grid under {@code $DSHELL_HOME/local}: a SQLite catalog (opened on first use, so
 * verbs that need no catalog start without loading the database driver) and directory SEs.
 */
public final class LocalGrid implements Grid {
    private final Path root;
    private final Identity identity;
    private final LfnPath home;
    private final List<StorageElement> storage;
    private final String defaultStorage;
    private SqliteFileCatalog catalog;

    public LocalGrid(Path root, Identity identity, LfnPath home, StorageSettings storage) {
        this.root = root;
        this.identity = identity;
        this.home = home;
        this.storage = storage.elements().stream()
                .<StorageElement>map(d -> new DirectoryStorageElement(d.name(), d.root(), d.read(), d.write(), d.quota(), d.fsync()))
                .toList();
        this.defaultStorage = storage.defaultName();
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

    @Override
    public List<StorageElement> storageElements() {
        return storage;
    }

    @Override
    public StorageElement defaultStorage() {
        return storage(defaultStorage);
    }

    @Override
    public synchronized void close() {
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }
}
