package org.dshell.backend.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.MetadataCatalog;
import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.meta.MetaAssignment;
import org.dshell.core.meta.MetaQuery;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.meta.MetaType;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * find's SQL against an independent computation: a random catalog (fixed seeds) whose effective values
 * the test works out itself from what it set, inheritance included, and MetaQuery.matches as the judge.
 */
class MetadataFindReferenceTest {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final List<String> STRINGS = List.of("alpha", "beta", "beta2", "gamma", "a[1]", "x y", "Alpha");
    private static final List<String> PATTERNS = List.of("a*", "*a", "?eta", "beta?", "a[1]*", "*", "x *", "*[*");
    private static final List<Long> INTS = List.of(-3L, -1L, 0L, 1L, 2L, 3L, 5L, 100L);
    private static final List<Double> FLOATS = List.of(-1.5, 0.0, 0.5, 1.0, 1.25, 2.5, 10.0);
    private static final List<String> DATES = List.of("2023-12-31", "2024-01-01", "2024-06-15 12:00:00", "2024-06-15 12:00:01", "2025-03-01");
    private static final List<String> SES = List.of("SE-A", "SE-B", "SE-C");
    private static final List<String> GROUPS = List.of("dteam_user", "dteam_prod");
    private static final Map<String, MetaType> DIR_FIELDS = fields("d", MetaScope.DIRECTORY);
    private static final Map<String, MetaType> FILE_FIELDS = fields("f", MetaScope.FILE);

    @TempDir
    Path temp;

    private final Map<LfnPath, Map<String, Object>> own = new HashMap<>();
    private final Map<LfnPath, Map<String, Object>> standard = new TreeMap<>();
    private final List<LfnPath> directories = new ArrayList<>();
    private Random random;

    private static Map<String, MetaType> fields(String prefix, MetaScope scope) {
        Map<String, MetaType> m = new LinkedHashMap<>();
        m.put(prefix + "str", MetaType.STRING);
        m.put(prefix + "int", MetaType.INT);
        m.put(prefix + "flt", MetaType.FLOAT);
        m.put(prefix + "date", MetaType.DATE);
        return m;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void findAgreesWithTheReference(long seed) {
        random = new Random(seed);
        try (TestShell shell = new TestShell(temp.resolve("home" + seed), "alice")) {
            MetadataCatalog meta = shell.grid().metadata();
            FileCatalog catalog = shell.grid().catalog();
            DIR_FIELDS.forEach((name, type) -> meta.addField(name, type, MetaScope.DIRECTORY));
            FILE_FIELDS.forEach((name, type) -> meta.addField(name, type, MetaScope.FILE));
            LfnPath base = shell.session().home().child("cat");
            build(catalog, meta, shell.session().home(), base);

            int nonEmpty = 0;
            for (int i = 0; i < 400; i++) {
                boolean dirs = i % 4 == 3;
                List<String> words = randomQuery(dirs);
                LfnPath top = i % 3 == 0 ? base : directories.get(random.nextInt(directories.size()));
                MetaQuery query = MetaQuery.parse(words, meta.lookup());
                List<String> expected = expected(top, query, dirs);
                List<String> actual = new ArrayList<>();
                meta.find(top, query, dirs, e -> actual.add(e.path().toString()));
                assertEquals(expected, actual, () -> "find " + top + " " + String.join(" ", words) + (dirs ? " --dirs" : ""));
                assertEquals(expected.size(), meta.count(top, query, dirs), () -> "count " + words);
                if (i % 20 == 0) {
                    List<String> line = new ArrayList<>(List.of("find", top.toString()));
                    line.addAll(words);
                    if (dirs) {
                        line.add("--dirs");
                    }
                    TestShell.Result r = shell.runWords(line.toArray(String[]::new));
                    assertEquals(0, r.status(), r.err());
                    assertEquals(expected, r.out().lines().toList());
                }
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
            assertTrue(nonEmpty > 100, "queries that find something: " + nonEmpty);
        }
    }

    private void build(FileCatalog catalog, MetadataCatalog meta, LfnPath home, LfnPath base) {
        // Values on the home directory too: inherited into the searched tree from above it.
        directories.add(base);
        catalog.mkdir(base, true);
        for (int i = 0; i < 14; i++) {
            LfnPath parent = directories.get(random.nextInt(directories.size()));
            if (parent.depth() - base.depth() >= 3) {
                parent = base;
            }
            LfnPath dir = parent.child("d" + i);
            catalog.mkdir(dir, false);
            directories.add(dir);
        }
        List<LfnPath> withValues = new ArrayList<>(directories);
        withValues.add(home);
        for (LfnPath dir : withValues) {
            setRandom(meta, dir, DIR_FIELDS, 0.4);
        }
        int n = 0;
        for (LfnPath dir : directories) {
            int files = random.nextInt(7);
            for (int j = 0; j < files; j++) {
                LfnPath file = dir.child((j % 2 == 0 ? "f" : "run_") + n++ + (j % 3 == 0 ? ".root" : ".dat"));
                long size = random.nextInt(1000);
                String se = SES.get(random.nextInt(SES.size()));
                String checksum = String.format("%08x", random.nextInt(1 << 20));
                catalog.register(List.of(new FileCatalog.NewFile(file, size, checksum, "g-" + n, new Replica(se, "/pfn/" + n, "AprioriGood"))));
                List<String> ses = new ArrayList<>(List.of(se));
                for (String other : SES) {
                    if (!other.equals(se) && random.nextInt(4) == 0) {
                        catalog.addReplica(file, new Replica(other, "/pfn2/" + n, "AprioriGood"));
                        ses.add(other);
                    }
                }
                if (random.nextInt(8) == 0) {
                    for (String s : ses) {
                        catalog.removeReplica(file, s);
                    }
                    ses.clear();
                }
                String group = GROUPS.get(random.nextInt(GROUPS.size()));
                if (!group.equals("dteam_user")) {
                    catalog.chgrp(file, group);
                }
                setRandom(meta, file, FILE_FIELDS, 0.6);
                CatalogEntry e = catalog.require(file);
                Map<String, Object> std = new HashMap<>();
                std.put("Size", size);
                std.put("SE", ses);
                std.put("Name", file.name());
                std.put("Path", file.toString());
                std.put("Owner", "alice");
                std.put("Group", group);
                std.put("CheckSum", checksum);
                std.put("GUID", "g-" + n);
                std.put("Status", "AprioriGood");
                std.put("CreationDate", e.created());
                std.put("ModificationDate", e.modified());
                standard.put(file, std);
            }
        }
        for (LfnPath dir : directories) {
            CatalogEntry e = catalog.require(dir);
            Map<String, Object> std = new HashMap<>();
            std.put("Name", dir.name());
            std.put("Path", dir.toString());
            std.put("Owner", e.owner());
            std.put("Group", e.group());
            std.put("Status", e.status());
            std.put("CreationDate", e.created());
            std.put("ModificationDate", e.modified());
            standard.put(dir, std);
        }
    }

    private void setRandom(MetadataCatalog meta, LfnPath path, Map<String, MetaType> fields, double probability) {
        List<String> words = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        fields.forEach((name, type) -> {
            if (random.nextDouble() < probability) {
                String text = randomValue(type);
                words.add(name + "=" + text);
                values.put(name, type.parse(text));
            }
        });
        if (!words.isEmpty()) {
            meta.set(List.of(path), MetaAssignment.parseAll(words, meta.lookup()));
            own.put(path, values);
        }
    }

    private String randomValue(MetaType type) {
        return switch (type) {
            case STRING -> STRINGS.get(random.nextInt(STRINGS.size()));
            case INT -> Long.toString(INTS.get(random.nextInt(INTS.size())));
            case FLOAT -> Double.toString(FLOATS.get(random.nextInt(FLOATS.size())));
            case DATE -> DATES.get(random.nextInt(DATES.size()));
        };
    }

    /** The effective values of an entry, worked out from what was set: own, then the nearest directory above. */
    private Map<String, Object> effective(LfnPath path, boolean directory) {
        Map<String, Object> values = new HashMap<>(standard.get(path));
        if (!directory) {
            values.putAll(own.getOrDefault(path, Map.of()));
        }
        for (String field : DIR_FIELDS.keySet()) {
            for (LfnPath p = directory ? path : path.parent(); ; p = p.parent()) {
                Object v = own.getOrDefault(p, Map.of()).get(field);
                if (v != null) {
                    values.put(field, v);
                    break;
                }
                if (p.isRoot()) {
                    break;
                }
            }
        }
        return values;
    }

    private List<String> expected(LfnPath top, MetaQuery query, boolean dirs) {
        List<String> result = new ArrayList<>();
        for (LfnPath path : standard.keySet()) {
            boolean isDir = directories.contains(path);
            if (isDir == dirs && (path.isWithin(top)) && query.matches(effective(path, isDir))) {
                result.add(path.toString());
            }
        }
        result.sort(null);
        return result;
    }

    private List<String> randomQuery(boolean dirs) {
        List<String> names = new ArrayList<>(DIR_FIELDS.keySet());
        names.addAll(List.of("Name", "Path", "Group", "CreationDate"));
        if (!dirs) {
            names.addAll(FILE_FIELDS.keySet());
            names.addAll(List.of("Size", "SE", "SE", "CheckSum", "fstr", "fint", "dstr"));
        }
        List<String> words = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String name = names.get(random.nextInt(names.size()));
            words.add(condition(name, typeOf(name)));
        }
        return words;
    }

    private static MetaType typeOf(String name) {
        if (DIR_FIELDS.containsKey(name)) {
            return DIR_FIELDS.get(name);
        }
        if (FILE_FIELDS.containsKey(name)) {
            return FILE_FIELDS.get(name);
        }
        return switch (name) {
            case "Size" -> MetaType.INT;
            case "CreationDate" -> MetaType.DATE;
            default -> MetaType.STRING;
        };
    }

    private String condition(String name, MetaType type) {
        String[] ops = {"=", "!=", "<", ">", "<=", ">="};
        String op = ops[random.nextInt(ops.length)];
        int kind = random.nextInt(10);
        if (kind < 2 && (op.equals("=") || op.equals("!="))) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 2 + random.nextInt(2); i++) {
                values.add(quote(valueFor(name, type)));
            }
            return name + op + String.join(",", values);
        }
        if (kind < 5 && type == MetaType.STRING && (op.equals("=") || op.equals("!="))) {
            return name + op + quote(PATTERNS.get(random.nextInt(PATTERNS.size())));
        }
        return name + op + quote(valueFor(name, type));
    }

    private String valueFor(String name, MetaType type) {
        switch (name) {
            case "Size":
                return Integer.toString(random.nextInt(1000));
            case "SE":
                return SES.get(random.nextInt(SES.size()));
            case "Group":
                return GROUPS.get(random.nextInt(GROUPS.size()));
            case "Name": {
                List<LfnPath> all = new ArrayList<>(standard.keySet());
                return all.get(random.nextInt(all.size())).name();
            }
            case "Path": {
                List<LfnPath> all = new ArrayList<>(standard.keySet());
                return all.get(random.nextInt(all.size())).toString();
            }
            case "CheckSum":
                return String.format("%08x", random.nextInt(1 << 20));
            case "CreationDate": {
                List<Map<String, Object>> all = new ArrayList<>(standard.values());
                Instant t = (Instant) all.get(random.nextInt(all.size())).get("CreationDate");
                return DATE.format(t.plusSeconds(random.nextInt(3) - 1));
            }
            default:
                return randomValue(type);
        }
    }

    private static String quote(String value) {
        return value.contains(" ") || value.contains(",") ? "'" + value + "'" : value;
    }
}
