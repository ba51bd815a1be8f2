package org.dshell.backend.local;

import java.nio.file.Path;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.Grid;
import org.dshell.backend.MetadataCatalog;
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
    private SqliteMetadataCatalog metadata;

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

    @Override
    public synchronized MetadataCatalog metadata() {
        FileCatalog files = catalog();
        if (metadata == null || !metadata.uses(files)) {
            metadata = new SqliteMetadataCatalog(catalog);
        }
        return metadata;
    }

    @Override
    public synchronized void close() {
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }
}
