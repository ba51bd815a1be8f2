package org.dshell.backend.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.dshell.backend.FileCatalog;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;
import org.dshell.core.Modes;
import org.dshell.core.Replica;

/**
 * The embedded catalog: one SQLite file in WAL mode, so several dshell processes can share it.
 * Writes take the database lock up front ({@code BEGIN IMMEDIATE}) so that two writers queue on
 * the busy timeout instead of failing on a lock upgrade; reads run in autocommit mode.
 */
public final class SqliteFileCatalog implements FileCatalog {
    private static final int NEW_DIRECTORY_MODE = 0755;

    private final Connection connection;
    private volatile Identity identity;
    private final List<Consumer<LfnPath>> listeners = new CopyOnWriteArrayList<>();
    /** Statements of the hot paths (path resolution), compiled once: SQLite's prepare costs more than the query. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private SqliteFileCatalog(Connection connection, Identity identity) {
        this.connection = connection;
        this.identity = identity;
    }

    /** Opens (creating if needed) the catalog file and acts as {@code identity} from then on. */
    public static SqliteFileCatalog open(Path file, Identity identity) {
        Path absolute = file.toAbsolutePath();
        try {
            SqliteFiles.prepare(absolute, made -> connect(made, null).close());
            return connect(absolute, identity);
        } catch (SQLException | java.io.IOException e) {
            throw DshellException.failure("cannot open catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** A connection to an existing catalog file, its schema brought up to date. */
    private static SqliteFileCatalog connect(Path file, Identity identity) throws SQLException {
        Properties properties = SqliteFiles.sharedProperties();
        // JDBC transactions start with BEGIN IMMEDIATE: a writer takes the lock up front and queues
        // on the busy timeout, instead of failing when a read transaction tries to upgrade.
        properties.setProperty("transaction_mode", "IMMEDIATE");
        // The driver otherwise runs "SELECT last_insert_rowid()" after every insert; we never ask for keys.
        properties.setProperty("jdbc.get_generated_keys", "false");
        // A million-entry catalog has indexes of tens of MB; the default 2 MB page cache thrashes.
        properties.setProperty("cache_size", "-65536");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
        SqliteFileCatalog catalog = new SqliteFileCatalog(connection, identity);
        try {
            catalog.write(() -> {
                CatalogSchema.create(connection, System.currentTimeMillis());
                return null;
            });
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        return catalog;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    /** Acts as another identity from now on (a proxy was made or destroyed). */
    public synchronized void actAs(Identity newIdentity) {
        this.identity = newIdentity;
    }

    /**
     * Creates {@code home} and its missing ancestors for the current identity, bypassing permissions as
     * the VO administrator would when registering a user. The VO directory is group-writable.
     */
    public synchronized void ensureHome(LfnPath home) {
        if (stat(home).isPresent()) {
            return;
        }
        write(() -> {
            long parent = CatalogSchema.ROOT_ID;
            LfnPath path = LfnPath.ROOT;
            for (String segment : home.segments()) {
                path = path.child(segment);
                EntryRow row = child(parent, segment);
                int mode = path.depth() == 1 ? 0775 : NEW_DIRECTORY_MODE;
                parent = row != null ? row.id() : insertDirectory(parent, segment, mode);
            }
            return null;
        });
    }

    @Override
    public synchronized Optional<CatalogEntry> stat(LfnPath path) {
        return Optional.ofNullable(read(() -> resolve(path))).map(row -> row.toEntry(path));
    }

    @Override
    public synchronized void list(LfnPath directory, Order order, Consumer<CatalogEntry> sink) {
        read(() -> {
            EntryRow dir = requireDirectory(directory);
            requirePermission(dir, Modes.READ, directory);
            String orderBy = switch (order) {
                case NAME -> "e.name";
                case TIME -> "e.mtime DESC, e.name";
                case SIZE -> "e.size DESC, e.name";
            };
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT " + EntryRow.PACKED + " FROM entries e WHERE e.parent = ? ORDER BY " + orderBy)) {
                s.setLong(1, dir.id());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        EntryRow row = EntryRow.unpack(rs.getString(1));
                        sink.accept(row.toEntry(directory.child(row.name())));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public synchronized List<ChildName> childNames(LfnPath directory) {
        return read(() -> {
            EntryRow dir = requireDirectory(directory);
            requirePermission(dir, Modes.READ, directory);
            List<ChildName> names = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT name, kind FROM entries WHERE parent = ? ORDER BY name")) {
                s.setLong(1, dir.id());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        names.add(new ChildName(rs.getString(1), rs.getInt(2) == 0));
                    }
                }
            }
            return names;
        });
    }

    /** An index range scan: names from {@code prefix} up to {@code prefix} followed by the highest code point. */
    @Override
    public synchronized List<ChildName> childNames(LfnPath directory, String prefix) {
        if (prefix.isEmpty()) {
            return childNames(directory);
        }
        return read(() -> {
            EntryRow dir = requireDirectory(directory);
            requirePermission(dir, Modes.READ, directory);
            List<ChildName> names = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT name, kind FROM entries WHERE parent = ? AND name >= ? AND name < ? ORDER BY name")) {
                s.setLong(1, dir.id());
                s.setString(2, prefix);
                s.setString(3, prefix + new String(Character.toChars(Character.MAX_CODE_POINT)));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        names.add(new ChildName(rs.getString(1), rs.getInt(2) == 0));
                    }
                }
            }
            return names;
        });
    }

    @Override
    public synchronized CatalogEntry mkdir(LfnPath path, boolean parents) {
        if (path.isRoot()) {
            if (parents) {
                return require(path);
            }
            throw DshellException.failure("file exists: /");
        }
        write(() -> {
            EntryRow existing = resolve(path);
            if (existing != null) {
                if (parents && existing.directory()) {
                    return null;
                }
                throw DshellException.failure("file exists: " + path);
            }
            EntryRow parent = resolve(path.parent());
            if (parent == null) {
                if (!parents) {
                    throw DshellException.failure("no such file or directory: " + path.parent());
                }
                mkdirInTransaction(path.parent());
                parent = resolve(path.parent());
            }
            createIn(parent, path);
            return null;
        });
        fire(path.parent());
        return require(path);
    }

    private void mkdirInTransaction(LfnPath path) throws SQLException {
        EntryRow existing = resolve(path);
        if (existing != null) {
            if (!existing.directory()) {
                throw DshellException.failure("not a directory: " + path);
            }
            return;
        }
        mkdirInTransaction(path.parent());
        createIn(resolve(path.parent()), path);
        fire(path.parent());
    }

    private void createIn(EntryRow parent, LfnPath path) throws SQLException {
        if (!parent.directory()) {
            throw DshellException.failure("not a directory: " + path.parent());
        }
        requirePermission(parent, Modes.WRITE | Modes.EXECUTE, path.parent());
        insertDirectory(parent.id(), path.name(), NEW_DIRECTORY_MODE);
    }

    private long insertDirectory(long parent, String name, int mode) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO entries (parent, name, kind, owner, grp,"
                + " mode, ctime, mtime) VALUES (?, ?, 0, ?, ?, ?, ?, ?) RETURNING id")) {
            s.setLong(1, parent);
            s.setString(2, name);
            s.setString(3, identity.user());
            s.setString(4, identity.group());
            s.setInt(5, mode);
            s.setLong(6, now);
            s.setLong(7, now);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public synchronized void rmdir(LfnPath path) {
        write(() -> {
            EntryRow dir = requireDirectory(path);
            if (path.isRoot()) {
                throw DshellException.failure("cannot remove /");
            }
            requireParentWritable(path);
            try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM entries WHERE parent = ? LIMIT 1")) {
                s.setLong(1, dir.id());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        throw DshellException.failure("directory not empty: " + path);
                    }
                }
            }
            deleteEntry(dir.id());
            return null;
        });
        fire(path.parent());
    }

    @Override
    public synchronized void move(LfnPath source, LfnPath target) {
        if (source.isRoot()) {
            throw DshellException.usage("cannot move /");
        }
        if (target.isWithin(source)) {
            throw DshellException.usage(target.equals(source)
                    ? "source and target are the same: " + source
                    : "cannot move a directory into itself: " + source + " -> " + target);
        }
        write(() -> {
            EntryRow row = requireExisting(source);
            requireParentWritable(source);
            if (resolve(target) != null) {
                throw DshellException.failure("file exists: " + target);
            }
            EntryRow newParent = requireDirectory(target.parent());
            requirePermission(newParent, Modes.WRITE | Modes.EXECUTE, target.parent());
            try (PreparedStatement s = connection.prepareStatement(
                    "UPDATE entries SET parent = ?, name = ?, mtime = ? WHERE id = ?")) {
                s.setLong(1, newParent.id());
                s.setString(2, target.name());
                s.setLong(3, System.currentTimeMillis());
                s.setLong(4, row.id());
                s.executeUpdate();
            }
            return null;
        });
        fire(source.parent());
        fire(target.parent());
    }

    @Override
    public synchronized void chmod(LfnPath path, int mode) {
        updateAsOwner(path, "mode", mode);
    }

    @Override
    public synchronized void chown(LfnPath path, String owner) {
        updateAsOwner(path, "owner", owner);
    }

    @Override
    public synchronized void chgrp(LfnPath path, String group) {
        updateAsOwner(path, "grp", group);
    }

    /** The embedded grid has no administrator: only an entry's owner may change its mode, owner or group. */
    private void updateAsOwner(LfnPath path, String column, Object value) {
        write(() -> {
            EntryRow row = requireExisting(path);
            if (!identity.user().equals(row.owner())) {
                throw DshellException.failure("permission denied: " + path + " (owned by " + row.owner() + ")");
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "UPDATE entries SET " + column + " = ?, mtime = ? WHERE id = ?")) {
                s.setObject(1, value);
                s.setLong(2, System.currentTimeMillis());
                s.setLong(3, row.id());
                s.executeUpdate();
            }
            return null;
        });
        fire(path.parent());
    }

    @Override
    public synchronized void register(List<NewFile> files) {
        if (files.isEmpty()) {
            return;
        }
        List<LfnPath> changed = new ArrayList<>();
        write(() -> {
            insertFiles(files, changed);
            return null;
        });
        changed.forEach(this::fire);
    }

    @Override
    public synchronized List<Replica> replaceFile(NewFile file) {
        List<LfnPath> changed = new ArrayList<>();
        List<Replica> old = write(() -> {
            EntryRow row = requireFile(file.path());
            requireParentWritable(file.path());
            List<Replica> replicas = replicasOf(row.id());
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM replicas WHERE file = ?")) {
                s.setLong(1, row.id());
                s.executeUpdate();
            }
            deleteEntry(row.id());
            insertFiles(List.of(file), changed);
            return replicas;
        });
        changed.forEach(this::fire);
        return old;
    }

    @Override
    public synchronized boolean hasReplicaAt(String se, String pfn) {
        return read(() -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM replicas WHERE se = ? AND pfn = ? LIMIT 1")) {
                s.setString(1, se);
                s.setString(2, pfn);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Inserts files and their first replicas inside the caller's transaction; an existing name is an error. */
    private void insertFiles(List<NewFile> files, List<LfnPath> changed) throws SQLException {
        Map<LfnPath, EntryRow> parents = new HashMap<>();
        long now = System.currentTimeMillis();
        long nextId;
        // Ids are handed out here, inside the write lock, so rows of one batch are numbered in order.
        try (ResultSet rs = cached("SELECT max(id) FROM entries").executeQuery()) {
            nextId = rs.getLong(1) + 1;
        }
        long[] parentIds = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            LfnPath parentPath = files.get(i).path().parent();
            EntryRow parent = parents.get(parentPath);
            if (parent == null) {
                parent = requireDirectory(parentPath);
                requirePermission(parent, Modes.WRITE | Modes.EXECUTE, parentPath);
                parents.put(parentPath, parent);
                changed.add(parentPath);
            }
            parentIds[i] = parent.id();
        }
        try (FileInserter inserter = new FileInserter(connection, identity, now)) {
            inserter.insert(files, parentIds, nextId);
        }
    }

    @Override
    public synchronized void removeFile(LfnPath path) {
        write(() -> {
            EntryRow row = requireExisting(path);
            if (row.directory()) {
                throw DshellException.failure("is a directory: " + path);
            }
            requireParentWritable(path);
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM replicas WHERE file = ?")) {
                s.setLong(1, row.id());
                s.executeUpdate();
            }
            deleteEntry(row.id());
            return null;
        });
        fire(path.parent());
    }

    @Override
    public synchronized List<Replica> replicas(LfnPath file) {
        return read(() -> {
            return replicasOf(requireFile(file).id());
        });
    }

    private List<Replica> replicasOf(long fileId) throws SQLException {
        List<Replica> replicas = new ArrayList<>();
        PreparedStatement s = cached("SELECT se, pfn, status FROM replicas WHERE file = ? ORDER BY se");
        s.setLong(1, fileId);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                replicas.add(new Replica(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return replicas;
    }

    @Override
    public synchronized Map<String, List<Replica>> replicasIn(LfnPath directory) {
        return read(() -> {
            EntryRow dir = requireDirectory(directory);
            requirePermission(dir, Modes.READ, directory);
            Map<String, List<Replica>> result = new HashMap<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT e.name, r.se, r.pfn, r.status FROM entries e"
                    + " JOIN replicas r ON r.file = e.id WHERE e.parent = ? AND e.kind = 1 ORDER BY e.name, r.se")) {
                s.setLong(1, dir.id());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Replica(rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public synchronized void addReplica(LfnPath file, Replica replica) {
        write(() -> {
            EntryRow row = requireFile(file);
            requirePermission(row, Modes.WRITE, file);
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO replicas (file, se, pfn, status) VALUES (?, ?, ?, ?)")) {
                s.setLong(1, row.id());
                s.setString(2, replica.se());
                s.setString(3, replica.pfn());
                s.setString(4, replica.status());
                s.executeUpdate();
            } catch (SQLException e) {
                throw DshellException.failure(file + " already has a replica on " + replica.se());
            }
            return null;
        });
        fire(file.parent());
    }

    @Override
    public synchronized void removeReplica(LfnPath file, String se) {
        write(() -> {
            EntryRow row = requireFile(file);
            requirePermission(row, Modes.WRITE, file);
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM replicas WHERE file = ? AND se = ?")) {
                s.setLong(1, row.id());
                s.setString(2, se);
                if (s.executeUpdate() == 0) {
                    throw DshellException.failure(file + " has no replica on " + se);
                }
            }
            return null;
        });
        fire(file.parent());
    }

    @Override
    public synchronized Usage usage(LfnPath directory) {
        return read(() -> {
            EntryRow dir = requireDirectory(directory);
            requirePermission(dir, Modes.READ, directory);
            try (PreparedStatement s = connection.prepareStatement("""
                    WITH RECURSIVE tree(id) AS (
                      SELECT ? UNION ALL SELECT e.id FROM entries e JOIN tree ON e.parent = tree.id WHERE e.kind = 0)
                    SELECT (SELECT count(*) FROM tree) - 1,
                           count(e.id), coalesce(sum(e.size), 0)
                    FROM entries e WHERE e.kind = 1 AND e.parent IN (SELECT id FROM tree)""")) {
                s.setLong(1, dir.id());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Usage(rs.getLong(2), rs.getLong(1), rs.getLong(3));
                }
            }
        });
    }

    @Override
    public void addChangeListener(Consumer<LfnPath> directoryChanged) {
        listeners.add(directoryChanged);
    }

    private void fire(LfnPath directory) {
        listeners.forEach(l -> l.accept(directory));
    }

    // --- for SqliteMetadataCatalog, which shares this connection, lock (this object) and transactions ---

    Connection connection() {
        return connection;
    }

    <T> T readTransaction(SqlWork<T> work) {
        return read(work);
    }

    <T> T writeTransaction(SqlWork<T> work) {
        return write(work);
    }

    /**
     * Registers files inside the caller's write transaction, as {@link #register} does; returns the
     * directories whose listings changed, for {@link #fireChanged} once the transaction committed.
     */
    List<LfnPath> registerInTransaction(List<NewFile> files) throws SQLException {
        List<LfnPath> changed = new ArrayList<>();
        if (!files.isEmpty()) {
            insertFiles(files, changed);
        }
        return changed;
    }

    void fireChanged(List<LfnPath> directories) {
        directories.forEach(this::fire);
    }

    /** The row at {@code path} with the same traversal checks as every other call, or null. */
    EntryRow resolveRow(LfnPath path) throws SQLException {
        return resolve(path);
    }

    EntryRow requireRow(LfnPath path) throws SQLException {
        return requireExisting(path);
    }

    void checkPermission(EntryRow row, int permission, LfnPath path) {
        requirePermission(row, permission, path);
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement s : statements.values()) {
                s.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException e) {
            // Closing a connection we no longer use: nothing left to save.
        }
    }

    // --- path resolution and permission checks -------------------------------------------------

    /** The row at {@code path}, or null; needs search (x) permission on every directory on the way. */
    private EntryRow resolve(LfnPath path) throws SQLException {
        EntryRow row = byId(CatalogSchema.ROOT_ID);
        LfnPath here = LfnPath.ROOT;
        for (String segment : path.segments()) {
            if (!row.directory()) {
                throw DshellException.failure("not a directory: " + here);
            }
            requirePermission(row, Modes.EXECUTE, here);
            row = child(row.id(), segment);
            here = here.child(segment);
            if (row == null) {
                return null;
            }
        }
        return row;
    }

    private EntryRow requireExisting(LfnPath path) throws SQLException {
        EntryRow row = resolve(path);
        if (row == null) {
            throw DshellException.failure("no such file or directory: " + path);
        }
        return row;
    }

    private EntryRow requireDirectory(LfnPath path) throws SQLException {
        EntryRow row = requireExisting(path);
        if (!row.directory()) {
            throw DshellException.failure("not a directory: " + path);
        }
        return row;
    }

    private EntryRow requireFile(LfnPath path) throws SQLException {
        EntryRow row = requireExisting(path);
        if (row.directory()) {
            throw DshellException.failure("is a directory: " + path);
        }
        return row;
    }

    private void requireParentWritable(LfnPath path) throws SQLException {
        requirePermission(requireDirectory(path.parent()), Modes.WRITE | Modes.EXECUTE, path.parent());
    }

    private void requirePermission(EntryRow row, int permission, LfnPath path) {
        if (!Modes.allows(identity, row.owner(), row.group(), row.mode(), permission)) {
            throw DshellException.failure("permission denied: " + path);
        }
    }

    private EntryRow byId(long id) throws SQLException {
        PreparedStatement s = cached("SELECT " + EntryRow.COLUMNS + " FROM entries e WHERE e.id = ?");
        s.setLong(1, id);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? EntryRow.read(rs) : null;
        }
    }

    private EntryRow child(long parent, String name) throws SQLException {
        PreparedStatement s = cached("SELECT " + EntryRow.COLUMNS + " FROM entries e WHERE e.parent = ? AND e.name = ?");
        s.setLong(1, parent);
        s.setString(2, name);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? EntryRow.read(rs) : null;
        }
    }

    /** A statement compiled once and kept; callers read its results fully before the next use. */
    private PreparedStatement cached(String sql) throws SQLException {
        PreparedStatement s = statements.get(sql);
        if (s == null) {
            s = connection.prepareStatement(sql);
            statements.put(sql, s);
        }
        return s;
    }

    private void deleteEntry(long id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM entries WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    // --- transactions ------------------------------------------------------------------------

    /** Work against the connection that may fail with SQL errors. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T read(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw DshellException.failure("catalog error: " + e.getMessage(), e);
        }
    }

    private <T> T write(SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw DshellException.failure("catalog error: " + e.getMessage(), e);
        }
    }
}
