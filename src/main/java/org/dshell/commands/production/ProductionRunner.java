package org.dshell.commands.production;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

import org.dshell.backend.ProductionManager;
import org.dshell.backend.ProductionManager.StepStatus;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;

/**
 * Drives the engine in the foreground until a production is complete, printing progress when it
 * changes: {@code production run --wait} and a script's {@code p.run(wait: true)}. Partial groups are
 * submitted once their inputs are final. Fails when inputs ended in MaxReset or Problematic.
 */
public final class ProductionRunner {
    private ProductionRunner() {
    }

    public static void runToEnd(ProductionManager productions, long id, PrintWriter out, long intervalMillis)
            throws InterruptedException {
        String last = "";
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new DshellException(ExitStatus.INTERRUPTED, "interrupted");
            }
            boolean changed = productions.tick(true);
            String progress = progress(productions.status(id));
            if (!progress.equals(last)) {
                out.println(progress);
                out.flush();
                last = progress;
            }
            if (!changed && productions.isComplete(id)) {
                break;
            }
            if (!changed) {
                Thread.sleep(intervalMillis);
            }
        }
        long lost = productions.status(id).stream().mapToLong(s -> s.files().getOrDefault("MaxReset", 0L)
                + s.files().getOrDefault("Problematic", 0L) + s.tasks().getOrDefault("MaxReset", 0L)).sum();
        if (lost > 0) {
            throw DshellException.failure("production " + id + " finished with " + lost + " input(s) in MaxReset or Problematic"
                    + " (see 'production files " + id + " --state MaxReset')");
        }
        out.println("production " + id + " complete");
    }

    static String progress(List<StepStatus> steps) {
        return steps.stream().map(s -> {
            long files = s.files().values().stream().mapToLong(Long::longValue).sum();
            long tasks = s.tasks().values().stream().mapToLong(Long::longValue).sum();
            String tail = s.files().entrySet().stream().filter(e -> e.getValue() > 0 && !e.getKey().equals("Processed"))
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            return files == 0
                    ? s.step() + " " + s.tasks().getOrDefault("Done", 0L) + "/" + tasks + " tasks done"
                    : s.step() + " " + s.files().getOrDefault("Processed", 0L) + "/" + files + " files processed"
                    + (tail.isEmpty() ? "" : " (" + tail + ")");
        }).collect(Collectors.joining(" | "));
    }
}
