package org.dshell.commands.completion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.backend.FileCatalog;
import org.dshell.core.LfnPath;

/**
 * Directory listings for TAB completion, kept until a verb changes that directory, so a second
 * TAB in the same place does not touch the catalog.
 */
public final class CatalogListingCache {
    private static final int MAX_DIRECTORIES = 64;

    private final Map<LfnPath, List<FileCatalog.ChildName>> listings = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LfnPath, List<FileCatalog.ChildName>> eldest) {
            return size() > MAX_DIRECTORIES;
        }
    };
    private FileCatalog listeningTo;

    /** The names in {@code directory}, from the cache or read once from the catalog. */
    public synchronized List<FileCatalog.ChildName> children(FileCatalog catalog, LfnPath directory) {
        if (listeningTo != catalog) {
            listings.clear();
            catalog.addChangeListener(this::invalidate);
            listeningTo = catalog;
        }
        List<FileCatalog.ChildName> cached = listings.get(directory);
        if (cached == null) {
            cached = catalog.childNames(directory);
            listings.put(directory, cached);
        }
        return cached;
    }

    public synchronized void invalidate(LfnPath directory) {
        listings.remove(directory);
    }

    public synchronized boolean isCached(LfnPath directory) {
        return listings.containsKey(directory);
    }
}
