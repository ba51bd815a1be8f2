package org.dshell.backend.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dshell.core.DshellException;
import org.dshell.core.Identity;
import org.dshell.core.meta.Condition;
import org.dshell.core.meta.FieldQuery;
import org.dshell.core.meta.MetaField;
import org.dshell.core.meta.MetaQuery;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.meta.MetaType;
import org.dshell.core.meta.Operator;
import org.dshell.core.meta.StandardKey;

/**
 * Translates a {@link MetaQuery} into SQLite statements, with every user value bound as a parameter.
 * As DIRAC does, directory conditions are resolved first: a recursive walk of the directories below the
 * top carries each queried directory field's effective value down (a directory's own value, else its
 * parent's) and keeps the directories whose values pass; files are then taken from those directories only,
 * joined with their own field values and standard attributes. Missing values are NULL or absent join
 * rows, so they fail every condition, as {@link MetaQuery#matches} requires.
 */
final class MetadataQuerySql {
    /** The column holding an entry's full path in the result, after {@link EntryRow#COLUMNS}. */
    static final int PATH_COLUMN = 15;

    /** The walk's start: the top directory's id and path and the effective values of the queried directory fields there. */
    record Top(long id, String path, Map<String, Object> inherited) {
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    private MetadataQuerySql() {
    }

    String sql() {
        return sql.toString();
    }

    List<Object> params() {
        return params;
    }

    /** The temporary table {@link #matchingDirectories} fills: the directories whose files {@link #files} reads. */
    static final String DIRECTORIES_TABLE = "temp.find_dirs";
    static final String CREATE_DIRECTORIES_TABLE = "CREATE TEMP TABLE IF NOT EXISTS find_dirs (id INTEGER PRIMARY KEY, path TEXT NOT NULL)";

    /** Checks that the query suits the kind of entry searched: directories have no file fields, size, SE, checksum or GUID. */
    static void checkFor(MetaQuery query, boolean directories) {
        for (FieldQuery f : query.fields()) {
            if (directories && !appliesToDirectories(f.field())) {
                throw DshellException.usage("'" + f.field().name() + "' is a file attribute; --dirs finds directories"
                        + " by directory fields and Name, Path, Owner, Group, CreationDate, ModificationDate, Status");
            }
        }
    }

    /** Directories at or below the top matching the directory conditions and the standard ones, sorted by path. */
    static MetadataQuerySql directories(MetaQuery query, Map<String, Long> fieldIds, Top top, Identity identity, boolean count) {
        checkFor(query, true);
        MetadataQuerySql q = new MetadataQuerySql();
        List<FieldQuery> dirFields = byScope(query, MetaScope.DIRECTORY);
        q.walk(dirFields, fieldIds, top, identity);
        q.sql.append(count ? " SELECT count(*)" : " SELECT " + EntryRow.COLUMNS + ", " + displayPath("d.path"))
                .append(" FROM d JOIN entries e ON e.id = d.id WHERE 1");
        q.directoryConditions(dirFields, "d.v");
        for (FieldQuery f : byScope(query, MetaScope.STANDARD)) {
            q.standardConditions(f, displayPath("d.path"));
        }
        if (!count) {
            q.sql.append(" ORDER BY ").append(PATH_COLUMN);
        }
        return q;
    }

    /**
     * Fills {@link #DIRECTORIES_TABLE} with the readable directories at or below the top whose effective
     * directory values pass the query's directory conditions: the only places matching files can be.
     */
    static MetadataQuerySql matchingDirectories(MetaQuery query, Map<String, Long> fieldIds, Top top, Identity identity) {
        MetadataQuerySql q = new MetadataQuerySql();
        List<FieldQuery> dirFields = byScope(query, MetaScope.DIRECTORY);
        q.walk(dirFields, fieldIds, top, identity);
        q.sql.append(" INSERT INTO ").append(DIRECTORIES_TABLE).append(" (id, path) SELECT id, path FROM d WHERE ok");
        q.directoryConditions(dirFields, "v");
        return q;
    }

    /** How many entries the matching directories hold, counting no further than {@code limit}. */
    static MetadataQuerySql filesInDirectories(long limit) {
        MetadataQuerySql q = new MetadataQuerySql();
        q.sql.append("SELECT count(*) FROM (SELECT 1 FROM ").append(DIRECTORIES_TABLE)
                .append(" dirs CROSS JOIN entries e ON e.parent = dirs.id LIMIT ?)");
        q.params.add(limit);
        return q;
    }

    /** How many values of one file field pass its conditions, counting no further than {@code limit}. */
    static MetadataQuerySql valueCount(FieldQuery f, long fieldId, long limit) {
        MetadataQuerySql q = new MetadataQuerySql();
        q.sql.append("SELECT count(*) FROM (SELECT 1 FROM ").append(MetadataSchema.table(f.field().type()))
                .append(" f WHERE f.field = ?");
        q.params.add(fieldId);
        for (Condition c : f.conditions()) {
            q.condition("f.value", c, f.field().type());
        }
        q.sql.append(" LIMIT ?)");
        q.params.add(limit);
        return q;
    }

    /**
     * Files in the matching directories that pass the file and standard conditions. The join order is
     * fixed (CROSS JOIN): directory by directory, or, with {@code drivingField} >= 0, from the value index
     * of that file field when it passes fewer values than the directories hold files.
     */
    static MetadataQuerySql files(MetaQuery query, Map<String, Long> fieldIds, int drivingField, boolean count) {
        checkFor(query, false);
        MetadataQuerySql q = new MetadataQuerySql();
        List<FieldQuery> fileFields = byScope(query, MetaScope.FILE);
        q.sql.append(count ? "SELECT count(*)" : "SELECT " + EntryRow.COLUMNS + ", dirs.path || '/' || e.name");
        if (drivingField >= 0) {
            q.sql.append(" FROM ").append(MetadataSchema.table(fileFields.get(drivingField).field().type())).append(" f")
                    .append(drivingField).append(" CROSS JOIN entries e ON e.id = f").append(drivingField).append(".entry")
                    .append(" CROSS JOIN ").append(DIRECTORIES_TABLE).append(" dirs ON dirs.id = e.parent");
        } else {
            q.sql.append(" FROM ").append(DIRECTORIES_TABLE).append(" dirs CROSS JOIN entries e ON e.parent = dirs.id");
        }
        for (int i = 0; i < fileFields.size(); i++) {
            if (i != drivingField) {
                q.sql.append(" CROSS JOIN ").append(MetadataSchema.table(fileFields.get(i).field().type())).append(" f").append(i)
                        .append(" ON f").append(i).append(".entry = e.id");
            }
        }
        q.sql.append(" WHERE e.kind = 1");
        for (int i = 0; i < fileFields.size(); i++) {
            FieldQuery f = fileFields.get(i);
            q.sql.append(" AND f").append(i).append(".field = ?");
            q.params.add(fieldIds.get(f.field().name()));
            for (Condition c : f.conditions()) {
                q.condition("f" + i + ".value", c, f.field().type());
            }
        }
        for (FieldQuery f : byScope(query, MetaScope.STANDARD)) {
            q.standardConditions(f, "dirs.path || '/' || e.name");
        }
        if (!count) {
            q.sql.append(" ORDER BY ").append(PATH_COLUMN);
        }
        return q;
    }

    static List<FieldQuery> byScope(MetaQuery query, MetaScope scope) {
        return query.fields().stream().filter(f -> f.field().scope() == scope).toList();
    }

    private static boolean appliesToDirectories(MetaField field) {
        if (field.scope() != MetaScope.STANDARD) {
            return field.scope() == MetaScope.DIRECTORY;
        }
        StandardKey key = StandardKey.lookup(field.name()).orElseThrow();
        return key != StandardKey.SIZE && key != StandardKey.SE && key != StandardKey.CHECKSUM && key != StandardKey.GUID;
    }

    /** The root's path is '' in the walk, so that children become '/name'; shown as '/'. */
    private static String displayPath(String column) {
        return "CASE " + column + " WHEN '' THEN '/' ELSE " + column + " END";
    }

    // d(id, path, ok, v0, v1, ...): every directory at or below the top; ok when the identity may read and
    // search it (only those are descended into and have their files listed); vI the effective value of the
    // I-th queried directory field.
    private void walk(List<FieldQuery> dirFields, Map<String, Long> fieldIds, Top top, Identity identity) {
        sql.append("WITH RECURSIVE d(id, path, ok");
        for (int i = 0; i < dirFields.size(); i++) {
            sql.append(", v").append(i);
        }
        sql.append(") AS (SELECT ?, ?, 1");
        params.add(top.id());
        params.add(top.path());
        for (FieldQuery f : dirFields) {
            sql.append(", ?");
            Object inherited = top.inherited().get(f.field().name());
            params.add(inherited == null ? null : MetadataSchema.toSql(f.field().type(), inherited));
        }
        sql.append(" UNION ALL SELECT e.id, d.path || '/' || e.name,"
                + " ((CASE WHEN e.owner = ? THEN e.mode >> 6 WHEN e.grp = ? THEN e.mode >> 3 ELSE e.mode END) & 5) = 5");
        params.add(identity.user());
        params.add(identity.group());
        for (int i = 0; i < dirFields.size(); i++) {
            FieldQuery f = dirFields.get(i);
            sql.append(", coalesce((SELECT m.value FROM ").append(MetadataSchema.table(f.field().type()))
                    .append(" m WHERE m.entry = e.id AND m.field = ?), d.v").append(i).append(")");
            params.add(fieldIds.get(f.field().name()));
        }
        sql.append(" FROM d JOIN entries e ON e.parent = d.id WHERE e.kind = 0 AND d.ok)");
    }

    private void directoryConditions(List<FieldQuery> dirFields, String prefix) {
        for (int i = 0; i < dirFields.size(); i++) {
            for (Condition c : dirFields.get(i).conditions()) {
                condition(prefix + i, c, dirFields.get(i).field().type());
            }
        }
    }

    private void standardConditions(FieldQuery f, String pathExpression) {
        StandardKey key = StandardKey.lookup(f.field().name()).orElseThrow();
        MetaType type = f.field().type();
        if (key == StandardKey.SE) {
            seConditions(f);
            return;
        }
        String column = switch (key) {
            case SIZE -> "e.size";
            case OWNER -> "e.owner";
            case GROUP -> "e.grp";
            case CREATION_DATE -> "e.ctime";
            case MODIFICATION_DATE -> "e.mtime";
            case NAME -> "e.name";
            case PATH -> "(" + pathExpression + ")";
            case CHECKSUM -> "e.checksum";
            case GUID -> "e.guid";
            case STATUS -> "e.status";
            case SE -> throw new AssertionError();
        };
        for (Condition c : f.conditions()) {
            condition(column, c, type);
        }
    }

    // SE is one value per replica: a positive condition needs some replica passing it, a negative one
    // (!=, not in) needs a replica and none equal to an operand, as Condition.test does for collections.
    private void seConditions(FieldQuery f) {
        for (Condition c : f.conditions()) {
            if (c.op().isNegative()) {
                sql.append(" AND EXISTS (SELECT 1 FROM replicas r WHERE r.file = e.id)");
                sql.append(" AND NOT EXISTS (SELECT 1 FROM replicas r WHERE r.file = e.id");
                Condition positive = new Condition(c.op() == Operator.NE
                        ? Operator.EQ : Operator.IN, c.values());
                condition("r.se", positive, MetaType.STRING);
                sql.append(")");
            } else {
                sql.append(" AND EXISTS (SELECT 1 FROM replicas r WHERE r.file = e.id");
                condition("r.se", c, MetaType.STRING);
                sql.append(")");
            }
        }
    }

    /** Appends {@code AND <expression> <op> ?}; NULL never passes, since every comparison with it is unknown. */
    private void condition(String expression, Condition c, MetaType type) {
        sql.append(" AND ").append(expression);
        switch (c.op()) {
            case EQ, NE -> {
                if (c.isPattern()) {
                    sql.append(c.op() == Operator.EQ ? " GLOB ?" : " NOT GLOB ?");
                    params.add(((String) c.value()).replace("[", "[[]"));
                } else {
                    sql.append(c.op() == Operator.EQ ? " = ?" : " <> ?");
                    params.add(MetadataSchema.operand(type, c.value()));
                }
            }
            case LT -> binary(" < ?", c, type);
            case GT -> binary(" > ?", c, type);
            case LE -> binary(" <= ?", c, type);
            case GE -> binary(" >= ?", c, type);
            case IN, NOT_IN -> {
                sql.append(c.op() == Operator.IN ? " IN (" : " NOT IN (");
                for (int i = 0; i < c.values().size(); i++) {
                    sql.append(i == 0 ? "?" : ", ?");
                    params.add(MetadataSchema.operand(type, c.values().get(i)));
                }
                sql.append(")");
            }
        }
    }

    private void binary(String op, Condition c, MetaType type) {
        sql.append(op);
        params.add(MetadataSchema.operand(type, c.value()));
    }
}
