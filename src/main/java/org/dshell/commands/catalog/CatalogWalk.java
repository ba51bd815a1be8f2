package org.dshell.commands.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.dshell.backend.FileCatalog;
import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;

/** Visits a catalog subtree, a directory before what it holds (what the -R options need). */
public final class CatalogWalk {
    private CatalogWalk() {
    }

    public static void preOrder(FileCatalog catalog, LfnPath top, Consumer<CatalogEntry> visitor) {
        CatalogEntry entry = catalog.require(top);
        visitor.accept(entry);
        if (!entry.isDirectory()) {
            return;
        }
        List<LfnPath> subdirectories = new ArrayList<>();
        List<CatalogEntry> files = new ArrayList<>();
        catalog.list(top, FileCatalog.Order.NAME, child -> {
            if (child.isDirectory()) {
                subdirectories.add(child.path());
            } else {
                files.add(child);
            }
        });
        files.forEach(visitor);
        for (LfnPath sub : subdirectories) {
            preOrder(catalog, sub, visitor);
        }
    }
}
