package org.dshell.core;

/** The exit codes every verb and every mode of dshell uses. */
public final class ExitStatus {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** As shells report a command stopped by SIGINT (128 + 2). */
    public static final int INTERRUPTED = 130;

    private ExitStatus() {
    }
}
