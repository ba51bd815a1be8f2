package org.dshell.backend.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.MetadataCatalog;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.meta.MetaAssignment;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.meta.MetaType;
import org.dshell.testing.TestShell;

/**
 * Builds the metadata benchmark catalog (bench/metadata runs it): directories and their metadata through
 * the catalog API, files and their values as bulk rows in the same tables, in one transaction:
 * DIRS directories of FILES_PER_DIR files under /dteam/bench, a directory string field
 * {@code particle} (one of ten per directory), and file fields {@code run} (int 0..999) and
 * {@code energy} (float 0.00..0.99), uniformly at random with a fixed seed.
 * Usage: MetadataBenchCatalog DSHELL_HOME USER [DIRS [FILES_PER_DIR]]
 */
public final class MetadataBenchCatalog {
    static final List<String> PARTICLES = List.of("proton", "pion", "kaon", "electron", "muon", "gamma", "neutron",
            "deuteron", "helium", "iron");

    private MetadataBenchCatalog() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        String user = args[1];
        int dirs = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int filesPerDir = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        long start = System.nanoTime();
        Random random = new Random(5);
        try (TestShell shell = new TestShell(home, user)) {
            FileCatalog catalog = shell.grid().catalog();
            MetadataCatalog meta = shell.grid().metadata();
            meta.addField("particle", MetaType.STRING, MetaScope.DIRECTORY);
            meta.addField("run", MetaType.INT, MetaScope.FILE);
            meta.addField("energy", MetaType.FLOAT, MetaScope.FILE);
            LfnPath top = LfnPath.of("/dteam/bench");
            catalog.mkdir(top, true);
            List<Long> dirIds = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                LfnPath dir = top.child(String.format("d%04d", d));
                catalog.mkdir(dir, false);
                meta.set(List.of(dir), MetaAssignment.parseAll(
                        List.of("particle=" + PARTICLES.get(random.nextInt(PARTICLES.size()))), meta.lookup()));
                dirIds.add(((SqliteFileCatalog) catalog).readTransaction(() -> ((SqliteFileCatalog) catalog).requireRow(dir).id()));
            }
            System.out.printf("%d directories with particle set through the API: %.1f s%n", dirs, seconds(start));
            insertFiles((SqliteFileCatalog) catalog, shell, dirIds, filesPerDir, random);
            System.out.printf("%d files with run and energy inserted in one transaction: %.1f s%n", (long) dirs * filesPerDir, seconds(start));
        }
    }

    /** Bulk rows in the catalog's own tables (what register and meta set write), far faster than one call per file. */
    private static void insertFiles(SqliteFileCatalog catalog, TestShell shell, List<Long> dirIds, int filesPerDir, Random random) {
        Map<String, Long> fieldIds = new TreeMap<>();
        synchronized (catalog) {
            catalog.writeTransaction(() -> {
                Connection c = catalog.connection();
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA cache_size = -400000");
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, id FROM meta_fields")) {
                    while (rs.next()) {
                        fieldIds.put(rs.getString(1), rs.getLong(2));
                    }
                }
                long id;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(id) FROM entries")) {
                    id = rs.getLong(1) + 1;
                }
                long now = System.currentTimeMillis();
                try (PreparedStatement entry = c.prepareStatement("INSERT INTO entries (id, parent, name, kind, size, checksum, guid,"
                        + " owner, grp, mode, ctime, mtime) VALUES (?, ?, ?, 1, ?, '0badc0de', ?, ?, ?, 420, ?, ?)");
                     PreparedStatement replica = c.prepareStatement("INSERT INTO replicas (file, se, pfn) VALUES (?, ?, ?)");
                     PreparedStatement run = c.prepareStatement("INSERT INTO meta_int (entry, field, value) VALUES (?, ?, ?)");
                     PreparedStatement energy = c.prepareStatement("INSERT INTO meta_float (entry, field, value) VALUES (?, ?, ?)")) {
                    for (long dir : dirIds) {
                        for (int f = 0; f < filesPerDir; f++, id++) {
                            entry.setLong(1, id);
                            entry.setLong(2, dir);
                            entry.setString(3, String.format("f%05d.dat", f));
                            entry.setLong(4, 1000 + random.nextInt(1_000_000));
                            entry.setString(5, "guid-" + id);
                            entry.setString(6, shell.identity().user());
                            entry.setString(7, shell.identity().group());
                            entry.setLong(8, now);
                            entry.setLong(9, now);
                            entry.addBatch();
                            replica.setLong(1, id);
                            replica.setString(2, f % 2 == 0 ? "SE-A" : "SE-B");
                            replica.setString(3, "/se/" + id);
                            replica.addBatch();
                            run.setLong(1, id);
                            run.setLong(2, fieldIds.get("run"));
                            run.setLong(3, random.nextInt(1000));
                            run.addBatch();
                            energy.setLong(1, id);
                            energy.setLong(2, fieldIds.get("energy"));
                            energy.setDouble(3, random.nextInt(100) / 100.0);
                            energy.addBatch();
                        }
                        entry.executeBatch();
                        replica.executeBatch();
                        run.executeBatch();
                        energy.executeBatch();
                    }
                }
                return null;
            });
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
