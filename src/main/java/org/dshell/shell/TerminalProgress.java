package org.dshell.shell;

import java.io.PrintWriter;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import org.dshell.core.TransferProgress;
import org.jline.terminal.Terminal;

/** A transfer's progress bar on the terminal: bytes with rate and ETA, files done as the extra message. */
final class TerminalProgress implements TransferProgress {
    private final ProgressBar bar;
    private final long files;
    private long filesDone;

    TerminalProgress(Terminal terminal, String task, long files, long bytes) {
        this.files = files;
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(1, bytes))
                .setUnit("MiB", 1 << 20)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new LineConsumer(terminal))
                .clearDisplayOnFinish()
                .build();
        bar.setExtraMessage("0/" + files + " files");
    }

    @Override
    public synchronized void advance(long doneFiles, long bytes) {
        if (bytes > 0) {
            bar.stepBy(bytes);
        }
        if (doneFiles > 0) {
            filesDone += doneFiles;
            bar.setExtraMessage(filesDone + "/" + files + " files");
        }
    }

    @Override
    public void close() {
        bar.close();
    }

    /** Redraws one line in place with a carriage return, as wide as the terminal allows. */
    private static final class LineConsumer implements ProgressBarConsumer {
        private final Terminal terminal;
        private final PrintWriter out;

        LineConsumer(Terminal terminal) {
            this.terminal = terminal;
            this.out = terminal.writer();
        }

        @Override
        public int getMaxRenderedLength() {
            int width = terminal.getWidth();
            return (width > 10 ? width : 80) - 1;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r');
            out.print(rendered);
            out.flush();
        }

        @Override
        public void clear() {
            out.print('\r');
            out.print(" ".repeat(getMaxRenderedLength()));
            out.print('\r');
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
