package org.dshell.backend.production;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.dshell.backend.Grid;

/**
 * Drives productions in the background of an interactive shell: a daemon thread runs one engine pass
 * every few seconds, so productions advance while you work and stop when dshell exits (the state is in
 * the database; the next dshell, or {@code production run --wait}, continues). Errors go to a log file,
 * never to the terminal.
 */
public final class ProductionDaemon implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;

    private ProductionDaemon(Grid grid, Path log, long intervalMillis) {
        thread = new Thread(() -> loop(grid, log, intervalMillis), "dshell-productions");
        thread.setDaemon(true);
    }

    /** Starts the background engine for {@code grid}, logging failures to {@code log}. */
    public static ProductionDaemon start(Grid grid, Path log, long intervalMillis) {
        ProductionDaemon daemon = new ProductionDaemon(grid, log, intervalMillis);
        daemon.thread.start();
        return daemon;
    }

    private void loop(Grid grid, Path log, long intervalMillis) {
        while (!stopped) {
            try {
                Thread.sleep(intervalMillis);
                grid.productions().tick(false);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                try {
                    Files.writeString(log, Instant.now() + " " + e + System.lineSeparator(), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException ignored) {
                    // nowhere left to report; the next pass tries again
                }
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
