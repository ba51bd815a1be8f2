import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Adler32;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.ProductionManager;
import org.dshell.backend.StorageElement;
import org.dshell.backend.local.LocalGrid;
import org.dshell.config.DshellHome;
import org.dshell.config.Settings;
import org.dshell.config.StorageSettings;
import org.dshell.core.Checksums;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.meta.MetaAssignment;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.meta.MetaType;
import org.dshell.core.production.ProductionParser;
import org.dshell.core.production.ProductionSpec;

/**
 * Production benchmark (issue 9), run by bench/productions with the jar on the class path:
 *   HOME FILES GROUP   registers FILES small input files with kind=raw, then runs a two-step production
 *                      (process: GROUP files per task; merge: GROUP process outputs per task) to completion,
 *                      driving the engine here while the detached job agent runs the jobs, and reports the
 *                      engine's own time per task (the jobs' run time excluded: it is spent in other processes).
 */
public class ProductionBench {
    static final Identity ME = new Identity("bench", "dteam_user", "dteam", "bench");
    static final LfnPath HOME = LfnPath.of("/dteam/user/b/bench");

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        int group = Integer.parseInt(args[2]);
        DshellHome dshellHome = DshellHome.resolve(Map.of("DSHELL_HOME", home.toString()), home);
        Settings settings = Settings.load(dshellHome.settingsFile());
        try (LocalGrid grid = new LocalGrid(dshellHome.localGrid(), ME, HOME, StorageSettings.load(settings, dshellHome.root()))) {
            long t0 = System.nanoTime();
            inputs(grid, files);
            System.out.printf("registered %d input files in %.2f s%n", files, (System.nanoTime() - t0) / 1e9);
            Path dir = Files.createDirectories(home.resolve("bench-production"));
            Path script = Files.writeString(dir.resolve("cat.sh"), "#!/bin/sh\nout=$1; shift\ncat \"$@\" > \"$out\"\n");
            script.toFile().setExecutable(true);
            Path yaml = Files.writeString(dir.resolve("bench.yaml"), """
                    name: bench
                    steps:
                      - id: process
                        input_query: "kind=raw"
                        input_path: /dteam/user/b/bench/raw
                        group_size: %d
                        job: {executable: cat.sh, arguments: "p_{task}.txt {inputs}", outputs: ["p_*.txt"]}
                        output_metadata: {kind: processed}
                      - id: merge
                        parent: process
                        group_size: %d
                        job: {executable: cat.sh, arguments: "m_{task}.txt {inputs}", outputs: ["m_*.txt"]}
                        output_metadata: {kind: merged}
                    """.formatted(group, group));
            ProductionManager productions = grid.productions();
            ProductionSpec spec = ProductionParser.parseFile(yaml, grid.metadata().lookup());
            long id = productions.submit(spec, Files.readString(yaml));

            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long busyWall = 0, busyCpu = 0, idleWall = 0, idleCpu = 0, passes = 0, busyPasses = 0;
            long start = System.nanoTime();
            while (true) {
                long w = System.nanoTime(), c = cpu.getCurrentThreadCpuTime();
                boolean changed = productions.tick(true);
                long dw = System.nanoTime() - w, dc = cpu.getCurrentThreadCpuTime() - c;
                passes++;
                if (changed) {
                    busyWall += dw;
                    busyCpu += dc;
                    busyPasses++;
                } else {
                    idleWall += dw;
                    idleCpu += dc;
                    if (productions.isComplete(id)) {
                        break;
                    }
                    Thread.sleep(200);
                }
            }
            long total = System.nanoTime() - start;
            long tasks = 0;
            for (ProductionManager.StepStatus s : productions.status(id)) {
                long n = s.tasks().values().stream().mapToLong(Long::longValue).sum();
                tasks += n;
                System.out.printf("step %-8s files %s tasks %s%n", s.step(), s.files(), s.tasks());
            }
            System.out.printf("wall clock to completion: %.1f s; %d engine passes (%d that changed something)%n", total / 1e9, passes, busyPasses);
            System.out.printf("engine time in passes that changed something: %.2f s wall, %.2f s CPU -> %.2f ms wall, %.2f ms CPU per task (%d tasks)%n",
                    busyWall / 1e9, busyCpu / 1e9, busyWall / 1e6 / tasks, busyCpu / 1e6 / tasks, tasks);
            org.dshell.backend.production.Timing.millis().forEach((phase, ms) -> System.out.printf("  %-40s %8.0f ms%n", phase, ms));
            System.out.printf("idle polling passes: %.2f s wall, %.2f s CPU in all%n", idleWall / 1e9, idleCpu / 1e9);
        }
    }

    static void inputs(LocalGrid grid, int count) throws Exception {
        FileCatalog catalog = grid.catalog();
        LfnPath raw = HOME.resolve("raw");
        catalog.mkdir(raw, true);
        if (grid.metadata().lookup().find("kind").isEmpty()) {
            grid.metadata().addField("kind", MetaType.STRING, MetaScope.FILE);
        }
        StorageElement se = grid.defaultStorage();
        List<FileCatalog.NewFile> files = new ArrayList<>();
        List<StorageElement.Upload> uploads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LfnPath lfn = raw.resolve(String.format("f%05d.dat", i));
            byte[] bytes = ("input " + i + "\n").getBytes(StandardCharsets.UTF_8);
            StorageElement.Upload upload = se.upload(lfn);
            upload.channel().write(ByteBuffer.wrap(bytes));
            Adler32 adler = new Adler32();
            adler.update(bytes);
            files.add(new FileCatalog.NewFile(lfn, bytes.length, Checksums.adler32Hex(adler), UUID.randomUUID().toString(),
                    new Replica(se.name(), upload.publish(), "AprioriGood")));
            uploads.add(upload);
        }
        grid.metadata().registerWithMetadata(files, List.of(new MetaAssignment(grid.metadata().lookup().find("kind").orElseThrow(), "raw")));
        for (StorageElement.Upload upload : uploads) {
            upload.release();
            upload.close();
        }
    }
}
