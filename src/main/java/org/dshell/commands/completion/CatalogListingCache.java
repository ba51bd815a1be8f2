package org.dshell.commands.completion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.backend.FileCatalog;
import org.dshell.core.LfnPath;

/**
 * Directory listings for TAB completion, kept until a verb changes that directory, so a second
 * TAB in the same directory does not touch the catalog. With a prefix typed, only the names under
 * that prefix are read (an index range, fast in a directory of 100,000 entries) and kept; a longer
 * prefix later is served from them.
 *
 * <p>The catalog is never called while this cache's lock is held: the catalog tells the cache about
 * changes from inside its own lock, so holding ours while waiting for it would deadlock (a TAB or the
 * shell's warm-up listing a directory while a verb changes it).
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
    /** Counts invalidations: a listing read while one happened may be stale and is not kept. */
    private long generation;

    /** The names in {@code directory}, from the cache or read once from the catalog. */
    public List<FileCatalog.ChildName> children(FileCatalog catalog, LfnPath directory) {
        long seen;
        synchronized (this) {
            listen(catalog);
            List<FileCatalog.ChildName> cached = listings.get(directory);
            if (cached != null) {
                return cached;
            }
            seen = generation;
        }
        List<FileCatalog.ChildName> names = catalog.childNames(directory);
        synchronized (this) {
            if (generation == seen) {
                listings.put(directory, names);
            }
        }
        return names;
    }

    /** The names in {@code directory} starting with {@code prefix}, from any cached listing that covers them. */
    public List<FileCatalog.ChildName> children(FileCatalog catalog, LfnPath directory, String prefix) {
        long seen;
        synchronized (this) {
            listen(catalog);
            if (prefix.isEmpty() || listings.containsKey(directory)) {
                List<FileCatalog.ChildName> all = listings.get(directory);
                if (all != null) {
                    return all.stream().filter(c -> c.name().startsWith(prefix)).toList();
                }
            } else {
                Map<String, List<FileCatalog.ChildName>> byPrefix = prefixed.get(directory);
                if (byPrefix != null) {
                    for (Map.Entry<String, List<FileCatalog.ChildName>> known : byPrefix.entrySet()) {
                        if (prefix.startsWith(known.getKey())) {
                            return known.getValue();
                        }
                    }
                }
            }
            seen = generation;
        }
        if (prefix.isEmpty()) {
            return children(catalog, directory);
        }
        List<FileCatalog.ChildName> names = catalog.childNames(directory, prefix);
        synchronized (this) {
            if (generation == seen) {
                prefixed.computeIfAbsent(directory, d -> new LinkedHashMap<>()).put(prefix, names);
            }
        }
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
        generation++;
        listings.remove(directory);
        prefixed.remove(directory);
    }

    public synchronized boolean isCached(LfnPath directory) {
        return listings.containsKey(directory) || prefixed.containsKey(directory);
    }
}
