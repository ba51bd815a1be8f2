package org.dshell.core;

/**
 * The progress of a bulk transfer as a terminal shows it (files, bytes, rate, ETA). Obtained from
 * {@link UserConsole#progress}; batch mode and scripts get {@link #NONE}. Safe to call from many threads.
 */
public interface TransferProgress extends AutoCloseable {

    TransferProgress NONE = new TransferProgress() {
        @Override
        public void advance(long files, long bytes) {
        }

        @Override
        public void close() {
        }
    };

    /** Counts finished files and transferred bytes (either may be 0). */
    void advance(long files, long bytes);

    /** Removes the bar; the caller prints its summary line after this. */
    @Override
    void close();
}
