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
    private final Map<LfnPath, Map<String, List<FileCatalog.ChildName>>> prefixed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LfnPath, Map<String, List<FileCatalog.ChildName>>> eldest) {
            return size() > MAX_DIRECTORIES;
        }
    };
    private FileCatalog listeningTo;

    /** The names in {@code directory}, from the cache or read once from the catalog. */
    public synchronized List<FileCatalog.ChildName> children(FileCatalog catalog, LfnPath directory) {
        listen(catalog);
        List<FileCatalog.ChildName> cached = listings.get(directory);
        if (cached == null) {
            cached = catalog.childNames(directory);
            listings.put(directory, cached);
        }
        return cached;
    }

    /** The names in {@code directory} starting with {@code prefix}, from any cached listing that covers them. */
    public synchronized List<FileCatalog.ChildName> children(FileCatalog catalog, LfnPath directory, String prefix) {
        if (prefix.isEmpty() || listings.containsKey(directory)) {
            return children(catalog, directory);
        }
        listen(catalog);
        Map<String, List<FileCatalog.ChildName>> byPrefix = prefixed.computeIfAbsent(directory, d -> new LinkedHashMap<>());
        for (Map.Entry<String, List<FileCatalog.ChildName>> known : byPrefix.entrySet()) {
            if (prefix.startsWith(known.getKey())) {
                return known.getValue();
            }
        }
        List<FileCatalog.ChildName> names = catalog.childNames(directory, prefix);
        byPrefix.put(prefix, names);
        return names;
    }

    private void listen(FileCatalog catalog) {
        if (listeningTo != catalog) {
            listings.clear();
            prefixed.clear();
            catalog.addChangeListener(this::invalidate);
            listeningTo = catalog;
        }
    }

    public synchronized void invalidate(LfnPath directory) {
        listings.remove(directory);
        prefixed.remove(directory);
    }

    public synchronized boolean isCached(LfnPath directory) {
        return listings.containsKey(directory) || prefixed.containsKey(directory);
    }
}
