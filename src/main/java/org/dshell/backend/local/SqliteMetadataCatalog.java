package org.dshell.backend.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.MetadataCatalog;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;
import org.dshell.core.Modes;
import org.dshell.core.meta.FieldQuery;
import org.dshell.core.meta.MetaAssignment;
import org.dshell.core.meta.MetaField;
import org.dshell.core.meta.MetaQuery;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.meta.MetaType;
import org.dshell.core.meta.StandardKey;

/**
 * Metadata in the embedded catalog's SQLite file, sharing {@link SqliteFileCatalog}'s connection, lock
 * (its monitor) and transactions, so catalog and metadata changes never interleave.
 */
public final class SqliteMetadataCatalog implements MetadataCatalog {
    private final SqliteFileCatalog files;
    private final Connection connection;

    /** A field as stored: its row id, which the value tables use. */
    private record StoredField(long id, MetaField field) {
    }

    /** The little of an entry that setting values needs. */
    private record Target(LfnPath path, long id, boolean directory, String owner, String group, int mode) {
    }

    SqliteMetadataCatalog(SqliteFileCatalog files) {
        this.files = files;
        this.connection = files.connection();
        synchronized (files) {
            if (!files.readTransaction(() -> MetadataSchema.exists(connection))) {
                files.writeTransaction(() -> {
                    MetadataSchema.create(connection);
                    return null;
                });
            }
        }
    }

    /** Whether this store sits on {@code catalog} (a grid reopens both together). */
    boolean uses(FileCatalog catalog) {
        return catalog == files;
    }

    @Override
    public List<MetaField> fields() {
        synchronized (files) {
            return files.readTransaction(() -> storedFields().values().stream().map(StoredField::field)
                    .sorted(Comparator.comparing(MetaField::name)).toList());
        }
    }

    @Override
    public MetaField addField(String name, MetaType type, MetaScope scope) {
        if (!MetaField.isValidName(name)) {
            throw DshellException.usage("'" + name + "' is not a valid field name (letters, digits and _, starting with a letter)");
        }
        if (StandardKey.isReserved(name)) {
            throw DshellException.usage("'" + name + "' is a standard key (" + StandardKey.lookup(name).orElseThrow() + "), choose another name");
        }
        if (scope == MetaScope.STANDARD) {
            throw new IllegalArgumentException("standard keys are not defined by users");
        }
        MetaField field = new MetaField(name, type, scope);
        synchronized (files) {
            files.writeTransaction(() -> {
                for (StoredField existing : storedFields().values()) {
                    if (existing.field().name().equalsIgnoreCase(name)) {
                        MetaField f = existing.field();
                        throw DshellException.failure("metadata field exists: " + f.name() + " (" + describe(f) + ")");
                    }
                }
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO meta_fields (name, type, scope) VALUES (?, ?, ?)")) {
                    s.setString(1, name);
                    s.setString(2, type.keyword());
                    s.setString(3, scopeName(scope));
                    s.executeUpdate();
                }
                return null;
            });
        }
        return field;
    }

    @Override
    public void removeField(String name) {
        synchronized (files) {
            files.writeTransaction(() -> {
                StoredField field = storedFields().get(name);
                if (field == null) {
                    throw DshellException.usage("unknown metadata field '" + name + "'");
                }
                try (PreparedStatement values = connection.prepareStatement(
                        "DELETE FROM " + MetadataSchema.table(field.field().type()) + " WHERE field = ?");
                     PreparedStatement definition = connection.prepareStatement("DELETE FROM meta_fields WHERE id = ?")) {
                    values.setLong(1, field.id());
                    values.executeUpdate();
                    definition.setLong(1, field.id());
                    definition.executeUpdate();
                }
                return null;
            });
        }
    }

    @Override
    public void set(List<LfnPath> paths, List<MetaAssignment> assignments) {
        synchronized (files) {
            files.writeTransaction(() -> {
                setValues(paths, assignments);
                return null;
            });
        }
    }

    /** Sets values inside the caller's write transaction: checks every entry first, then writes. */
    private void setValues(List<LfnPath> paths, List<MetaAssignment> assignments) throws SQLException {
        Map<String, StoredField> stored = storedFields();
        List<StoredField> targetsFields = new ArrayList<>();
        for (MetaAssignment a : assignments) {
            targetsFields.add(current(stored, a.field()));
        }
        List<Target> targets = resolveAll(paths);
        for (Target t : targets) {
            requireWritable(t);
            for (MetaAssignment a : assignments) {
                requireScopeFits(a.field(), t);
            }
        }
        Map<MetaType, PreparedStatement> upserts = new EnumMap<>(MetaType.class);
        try {
            for (int i = 0; i < assignments.size(); i++) {
                MetaAssignment a = assignments.get(i);
                MetaType type = a.field().type();
                PreparedStatement s = upserts.get(type);
                if (s == null) {
                    s = connection.prepareStatement("INSERT INTO " + MetadataSchema.table(type) + " (entry, field, value)"
                            + " VALUES (?, ?, ?) ON CONFLICT (entry, field) DO UPDATE SET value = excluded.value");
                    upserts.put(type, s);
                }
                Object value = MetadataSchema.toSql(type, a.value());
                for (Target t : targets) {
                    s.setLong(1, t.id());
                    s.setLong(2, targetsFields.get(i).id());
                    s.setObject(3, value);
                    s.addBatch();
                }
            }
            for (PreparedStatement s : upserts.values()) {
                s.executeBatch();
            }
        } finally {
            for (PreparedStatement s : upserts.values()) {
                s.close();
            }
        }
    }

    @Override
    public void remove(List<LfnPath> paths, List<MetaField> fields) {
        synchronized (files) {
            files.writeTransaction(() -> {
                Map<String, StoredField> stored = storedFields();
                List<Target> targets = resolveAll(paths);
                for (Target t : targets) {
                    requireWritable(t);
                    for (MetaField f : fields) {
                        requireScopeFits(f, t);
                    }
                }
                for (MetaField f : fields) {
                    StoredField field = current(stored, f);
                    try (PreparedStatement s = connection.prepareStatement(
                            "DELETE FROM " + MetadataSchema.table(f.type()) + " WHERE entry = ? AND field = ?")) {
                        for (Target t : targets) {
                            s.setLong(1, t.id());
                            s.setLong(2, field.id());
                            s.addBatch();
                        }
                        s.executeBatch();
                    }
                }
                return null;
            });
        }
    }

    @Override
    public List<MetaValue> get(LfnPath path) {
        synchronized (files) {
            return files.readTransaction(() -> effective(files.requireRow(path).id(), path));
        }
    }

    @Override
    public void find(LfnPath top, MetaQuery query, boolean directories, Consumer<CatalogEntry> sink) {
        synchronized (files) {
            files.readTransaction(() -> {
                try (PreparedStatement s = prepare(top, query, directories, false); ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(EntryRow.read(rs).toEntry(LfnPath.of(rs.getString(MetadataQuerySql.PATH_COLUMN))));
                    }
                }
                return null;
            });
        }
    }

    @Override
    public long count(LfnPath top, MetaQuery query, boolean directories) {
        synchronized (files) {
            return files.readTransaction(() -> {
                try (PreparedStatement s = prepare(top, query, directories, true); ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    @Override
    public void registerWithMetadata(List<FileCatalog.NewFile> newFiles, List<MetaAssignment> assignments) {
        synchronized (files) {
            // One transaction: a file is never registered without its metadata, not even by a crash.
            List<LfnPath> changed = files.writeTransaction(() -> {
                Map<String, StoredField> stored = storedFields();
                for (MetaAssignment a : assignments) {
                    current(stored, a.field());
                    if (a.field().scope() != MetaScope.FILE) {
                        throw DshellException.usage(a.field().name() + " is a directory field, files take file fields"
                                + " (set it on the directory: meta set DIR " + a.field().name() + "=...)");
                    }
                }
                List<LfnPath> directories = files.registerInTransaction(newFiles);
                if (!assignments.isEmpty() && !newFiles.isEmpty()) {
                    setValues(newFiles.stream().map(FileCatalog.NewFile::path).toList(), assignments);
                }
                return directories;
            });
            files.fireChanged(changed);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    private PreparedStatement prepare(LfnPath top, MetaQuery query, boolean directories, boolean count) throws SQLException {
        EntryRow row = files.requireRow(top);
        if (!row.directory()) {
            throw DshellException.failure("not a directory: " + top);
        }
        files.checkPermission(row, Modes.READ | Modes.EXECUTE, top);
        Map<String, StoredField> stored = storedFields();
        Map<String, Long> ids = new HashMap<>();
        for (FieldQuery f : query.fields()) {
            if (f.field().scope() != MetaScope.STANDARD) {
                ids.put(f.field().name(), current(stored, f.field()).id());
            }
        }
        Map<String, Object> inherited = new HashMap<>();
        for (MetaValue v : effective(row.id(), top)) {
            if (v.field().scope() == MetaScope.DIRECTORY) {
                inherited.put(v.field().name(), v.value());
            }
        }
        MetadataQuerySql.Top start = new MetadataQuerySql.Top(row.id(), top.isRoot() ? "" : top.toString(), inherited);
        if (directories) {
            return statement(MetadataQuerySql.directories(query, ids, start, files.identity(), count));
        }
        MetadataQuerySql.checkFor(query, false);
        try (Statement s = connection.createStatement()) {
            s.execute(MetadataQuerySql.CREATE_DIRECTORIES_TABLE);
            s.execute("DELETE FROM " + MetadataQuerySql.DIRECTORIES_TABLE);
        }
        try (PreparedStatement fill = statement(MetadataQuerySql.matchingDirectories(query, ids, start, files.identity()))) {
            fill.executeUpdate();
        }
        return statement(MetadataQuerySql.files(query, ids, drivingField(query, ids), count));
    }

    /**
     * Which file field's value index to start from, or -1 to read the matching directories' files in turn.
     * Starting from an index costs a row lookup per passing value, scattered over the table, so it must
     * pass fewer than half as many values as the directories hold entries. Both sides are counted with
     * a growing limit, so the estimate costs in proportion to the smaller side, not to the catalog.
     */
    private int drivingField(MetaQuery query, Map<String, Long> ids) throws SQLException {
        List<FieldQuery> fileFields = MetadataQuerySql.byScope(query, MetaScope.FILE);
        if (fileFields.isEmpty()) {
            return -1;
        }
        for (long cap = 1024; ; cap *= 8) {
            long entries = count(MetadataQuerySql.filesInDirectories(cap));
            if (entries < cap) {
                return fewestValues(fileFields, ids, entries / 2);
            }
            int best = fewestValues(fileFields, ids, cap / 2);
            if (best >= 0) {
                return best;
            }
        }
    }

    /** The file field passing the fewest values, if one passes fewer than {@code limit}; else -1. */
    private int fewestValues(List<FieldQuery> fileFields, Map<String, Long> ids, long limit) throws SQLException {
        int best = -1;
        for (int i = 0; i < fileFields.size(); i++) {
            FieldQuery f = fileFields.get(i);
            long n = count(MetadataQuerySql.valueCount(f, ids.get(f.field().name()), limit));
            if (n < limit) {
                best = i;
                limit = n;
            }
        }
        return best;
    }

    private long count(MetadataQuerySql q) throws SQLException {
        try (PreparedStatement s = statement(q); ResultSet rs = s.executeQuery()) {
            return rs.getLong(1);
        }
    }

    private PreparedStatement statement(MetadataQuerySql q) throws SQLException {
        PreparedStatement s = connection.prepareStatement(q.sql());
        for (int i = 0; i < q.params().size(); i++) {
            s.setObject(i + 1, q.params().get(i));
        }
        return s;
    }

    /** Own values of the entry, then directory values from its parent upwards, the nearest one winning. */
    private List<MetaValue> effective(long entry, LfnPath path) throws SQLException {
        StringBuilder sql = new StringBuilder("WITH RECURSIVE up(id, depth) AS (SELECT ?, 0 UNION ALL"
                + " SELECT e.parent, up.depth + 1 FROM entries e JOIN up ON e.id = up.id WHERE e.parent <> 0) ");
        String union = "";
        for (MetaType type : MetaType.values()) {
            sql.append(union).append("SELECT up.depth, f.name, f.type, f.scope, v.value FROM up JOIN ")
                    .append(MetadataSchema.table(type)).append(" v ON v.entry = up.id JOIN meta_fields f ON f.id = v.field");
            union = " UNION ALL ";
        }
        sql.append(" ORDER BY 1");
        Map<String, MetaValue> values = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
            s.setLong(1, entry);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int depth = rs.getInt(1);
                    MetaField field = field(rs.getString(2), rs.getString(3), rs.getString(4));
                    if (values.containsKey(field.name()) || depth > 0 && field.scope() != MetaScope.DIRECTORY) {
                        continue;
                    }
                    LfnPath from = path;
                    for (int i = 0; i < depth; i++) {
                        from = from.parent();
                    }
                    values.put(field.name(), new MetaValue(field, MetadataSchema.read(field.type(), rs, 5), from, depth > 0));
                }
            }
        }
        return values.values().stream().sorted(Comparator.comparing(v -> v.field().name())).toList();
    }

    /** Resolves many paths with one lookup per directory and one cheap query per name (no per-path walk). */
    private List<Target> resolveAll(List<LfnPath> paths) throws SQLException {
        List<Target> targets = new ArrayList<>(paths.size());
        Map<LfnPath, EntryRow> parents = new HashMap<>();
        try (PreparedStatement child = connection.prepareStatement(
                "SELECT id, kind, owner, grp, mode FROM entries WHERE parent = ? AND name = ?")) {
            for (LfnPath path : paths) {
                if (path.isRoot()) {
                    EntryRow root = files.requireRow(path);
                    targets.add(new Target(path, root.id(), true, root.owner(), root.group(), root.mode()));
                    continue;
                }
                EntryRow parent = parents.get(path.parent());
                if (parent == null) {
                    parent = files.requireRow(path.parent());
                    if (!parent.directory()) {
                        throw DshellException.failure("not a directory: " + path.parent());
                    }
                    files.checkPermission(parent, Modes.EXECUTE, path.parent());
                    parents.put(path.parent(), parent);
                }
                child.setLong(1, parent.id());
                child.setString(2, path.name());
                try (ResultSet rs = child.executeQuery()) {
                    if (!rs.next()) {
                        throw DshellException.failure("no such file or directory: " + path);
                    }
                    targets.add(new Target(path, rs.getLong(1), rs.getInt(2) == 0, rs.getString(3), rs.getString(4), rs.getInt(5)));
                }
            }
        }
        return targets;
    }

    private void requireWritable(Target t) {
        if (!Modes.allows(files.identity(), t.owner(), t.group(), t.mode(), Modes.WRITE)) {
            throw DshellException.failure("permission denied: " + t.path());
        }
    }

    private static void requireScopeFits(MetaField field, Target t) {
        if (field.scope() == MetaScope.FILE && t.directory()) {
            throw DshellException.usage(field.name() + " is a file field and " + t.path() + " is a directory");
        }
        if (field.scope() == MetaScope.DIRECTORY && !t.directory()) {
            throw DshellException.usage(field.name() + " is a directory field and " + t.path()
                    + " is a file (set it on its directory, files below inherit it)");
        }
    }

    /** The stored field for one the caller parsed earlier; it may have been removed or redefined since. */
    private static StoredField current(Map<String, StoredField> stored, MetaField field) {
        StoredField s = stored.get(field.name());
        if (s == null || !s.field().equals(field)) {
            throw DshellException.usage("unknown metadata field '" + field.name() + "'");
        }
        return s;
    }

    private Map<String, StoredField> storedFields() throws SQLException {
        Map<String, StoredField> result = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, type, scope FROM meta_fields ORDER BY name")) {
            while (rs.next()) {
                MetaField field = field(rs.getString(2), rs.getString(3), rs.getString(4));
                result.put(field.name(), new StoredField(rs.getLong(1), field));
            }
        }
        return result;
    }

    private static MetaField field(String name, String type, String scope) {
        return new MetaField(name, MetaType.fromName(type).orElseThrow(),
                scope.equals("directory") ? MetaScope.DIRECTORY : MetaScope.FILE);
    }

    private static String scopeName(MetaScope scope) {
        return scope.name().toLowerCase(Locale.ROOT);
    }

    static String describe(MetaField f) {
        return f.type().keyword() + ", " + scopeName(f.scope());
    }
}
