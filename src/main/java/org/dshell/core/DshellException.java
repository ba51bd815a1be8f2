package org.dshell.core;

/**
 * An expected failure with a one-line message for the user and the exit code it maps to.
 * The code is chosen where the error is thrown: {@link #usage} for bad input (2), {@link #failure}
 * for an operation that could not be done (1).
 */
public class DshellException extends RuntimeException {
    private final int exitCode;

    public DshellException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DshellException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static DshellException usage(String message) {
        return new DshellException(ExitStatus.USAGE, message);
    }

    public static DshellException failure(String message) {
        return new DshellException(ExitStatus.FAILURE, message);
    }

    public static DshellException failure(String message, Throwable cause) {
        return new DshellException(ExitStatus.FAILURE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
