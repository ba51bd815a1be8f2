package org.dshell.backend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;

/**
 * The grid file catalog: a namespace of directories and files, their replicas and permissions.
 * Every method acts as {@link #identity()} and enforces POSIX permissions for it; a denied
 * operation throws {@code permission denied: PATH} and changes nothing.
 */
public interface FileCatalog extends AutoCloseable {

    /** The order in which {@link #list} delivers entries. */
    enum Order { NAME, TIME, SIZE }

    Identity identity();

    Optional<CatalogEntry> stat(LfnPath path);

    /** Like {@link #stat} but a missing path is an error. */
    default CatalogEntry require(LfnPath path) {
        return stat(path).orElseThrow(() -> DshellException.failure("no such file or directory: " + path));
    }

    /** Streams the entries of a directory to {@code sink} as they are read, in the given order (descending sizes and times first). */
    void list(LfnPath directory, Order order, Consumer<CatalogEntry> sink);

    default List<CatalogEntry> list(LfnPath directory) {
        List<CatalogEntry> entries = new ArrayList<>();
        list(directory, Order.NAME, entries::add);
        return entries;
    }

    /** The names and kinds in a directory, sorted by name: the cheap listing TAB completion needs. */
    default List<ChildName> childNames(LfnPath directory) {
        List<ChildName> names = new ArrayList<>();
        list(directory, Order.NAME, e -> names.add(new ChildName(e.name(), e.isDirectory())));
        return names;
    }

    /**
     * The names in a directory that start with {@code prefix}, sorted: what TAB needs in a directory
     * too large to read whole.
     */
    default List<ChildName> childNames(LfnPath directory, String prefix) {
        return childNames(directory).stream().filter(c -> c.name().startsWith(prefix)).toList();
    }

    /** Creates a directory; with {@code parents} also its missing ancestors, and an existing directory is fine. */
    CatalogEntry mkdir(LfnPath path, boolean parents);

    /** Removes an empty directory. */
    void rmdir(LfnPath path);

    /** Renames or moves a file or directory; what hangs below it (replicas, metadata, children) follows. */
    void move(LfnPath source, LfnPath target);

    void chmod(LfnPath path, int mode);

    void chown(LfnPath path, String owner);

    void chgrp(LfnPath path, String group);

    /** Registers files with their first replica, all or nothing. Parent directories must exist. */
    void register(List<NewFile> files);

    /**
     * Replaces an existing file by a new version in one transaction: the old record and all its
     * replica records go, the new file and its replica come. Returns the old replicas, whose bytes
     * the caller then deletes. Needs write permission on the parent directory.
     */
    List<Replica> replaceFile(NewFile file);

    /** Whether some file (anywhere in the catalog) has a replica with this PFN on this SE. */
    boolean hasReplicaAt(String se, String pfn);

    /** Removes a file record and all its replica records (the bytes are the caller's business). */
    void removeFile(LfnPath path);

    List<Replica> replicas(LfnPath file);

    void addReplica(LfnPath file, Replica replica);

    /** The replicas of every file directly in a directory, by file name (files without replicas are absent). */
    default Map<String, List<Replica>> replicasIn(LfnPath directory) {
        Map<String, List<Replica>> result = new HashMap<>();
        for (CatalogEntry entry : list(directory)) {
            if (!entry.isDirectory()) {
                List<Replica> replicas = replicas(entry.path());
                if (!replicas.isEmpty()) {
                    result.put(entry.name(), replicas);
                }
            }
        }
        return result;
    }

    void removeReplica(LfnPath file, String se);

    /** Files, directories and bytes below a directory (recursively). */
    Usage usage(LfnPath directory);

    /** Called with a directory whenever its list of entries changes, so caches can drop it. */
    void addChangeListener(Consumer<LfnPath> directoryChanged);

    @Override
    void close();

    /** A file to register: its LFN, size, Adler32 checksum, GUID and the replica that holds its bytes. */
    record NewFile(LfnPath path, long size, String checksum, String guid, Replica replica) {
    }

    /** A name in a directory and whether it is a directory itself. */
    record ChildName(String name, boolean directory) {
    }

    /** The totals {@code du} prints. */
    record Usage(long files, long directories, long bytes) {
    }
}
