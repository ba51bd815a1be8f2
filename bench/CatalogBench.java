import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.local.LocalGrid;
import org.dshell.commands.CommandContext;
import org.dshell.commands.StandardVerbs;
import org.dshell.commands.VerbRegistry;
import org.dshell.commands.completion.CompletionEngine;
import org.dshell.config.DshellHome;
import org.dshell.config.Settings;
import org.dshell.config.StorageSettings;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.Session;
import org.dshell.core.UserConsole;

/**
 * Catalog benchmarks (issue 3), run by bench/catalog with the jar on the class path:
 *   register  HOME N       registers N files in batches of 10,000 (100,000 of them in one directory 'big')
 *   complete  HOME         times TAB completion in 'big': the first TAB, then later ones
 */
public class CatalogBench {
    static final Identity ME = new Identity("bench", "dteam_user", "dteam", "bench");
    static final LfnPath HOME = LfnPath.of("/dteam/user/b/bench");

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[1]);
        DshellHome dshellHome = DshellHome.resolve(Map.of("DSHELL_HOME", home.toString()), home);
        Settings settings = Settings.load(dshellHome.settingsFile());
        try (LocalGrid grid = new LocalGrid(dshellHome.localGrid(), ME, HOME, StorageSettings.load(settings, dshellHome.root()))) {
            if (args[0].equals("register")) {
                register(grid.catalog(), Integer.parseInt(args[2]));
            } else {
                complete(grid, dshellHome);
            }
        }
    }

    static void register(FileCatalog catalog, int total) {
        int big = Math.min(100_000, total);
        catalog.mkdir(HOME.child("big"), true);
        List<LfnPath> dirs = new ArrayList<>();
        for (int d = 0; d < (total - big + 999) / 1000; d++) {
            dirs.add(catalog.mkdir(HOME.resolve("d" + d), true).path());
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        List<FileCatalog.NewFile> batch = new ArrayList<>(10_000);
        for (int i = 0; i < total; i++) {
            LfnPath dir = i < big ? HOME.child("big") : dirs.get((i - big) / 1000);
            LfnPath lfn = dir.child(String.format("f%07d.dat", i));
            batch.add(new FileCatalog.NewFile(lfn, 1000 + i, "0123abcd", UUID.randomUUID().toString().toUpperCase(),
                    new Replica("LOCAL-DISK", "/se" + lfn, "AprioriGood")));
            if (batch.size() == 10_000) {
                catalog.register(batch);
                batch.clear();
            }
        }
        catalog.register(batch);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // On a busy machine wall time includes waiting for a core; CPU time shows what one free core does.
        System.out.printf("registered %,d files in %.2f s wall (%,.0f files/s), %.2f s CPU (%,.0f files/s per core)%n",
                total, seconds, total / seconds, cpu, total / cpu);
    }

    static void complete(LocalGrid grid, DshellHome home) {
        VerbRegistry verbs = StandardVerbs.create();
        Session session = new Session(HOME, Path.of("."));
        PrintWriter sink = new PrintWriter(new StringWriter());
        CommandContext ctx = new CommandContext(sink, sink, new BufferedReader(new StringReader("")), session,
                UserConsole.none(), Map.of(), home, Settings.load(home.settingsFile()), () -> grid, verbs);
        CompletionEngine engine = new CompletionEngine(verbs);
        long t0 = System.nanoTime();
        int n = engine.complete(List.of("ls"), "big/f00012", ctx).size();
        double first = (System.nanoTime() - t0) / 1e6;
        // The interactive shell opens the catalog in the background at start; measure a first TAB then too.
        CompletionEngine fresh = new CompletionEngine(verbs);
        long t1 = System.nanoTime();
        fresh.complete(List.of("ls"), "big/f00012", ctx);
        double firstWarm = (System.nanoTime() - t1) / 1e6;
        double[] later = new double[50];
        for (int i = 0; i < later.length; i++) {
            long t = System.nanoTime();
            engine.complete(List.of("ls"), "big/f0001" + (i % 10), ctx);
            later[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(later);
        System.out.printf("TAB in a directory of 100,000 entries (%d candidates): first %.1f ms if it opens the catalog,"
                + " %.1f ms with the catalog open (as after the shell's warm-up), later median %.2f ms, max %.2f ms%n",
                n, first, firstWarm, later[later.length / 2], later[later.length - 1]);
    }
}
