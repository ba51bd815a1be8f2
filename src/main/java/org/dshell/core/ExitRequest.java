package org.dshell.core;

/** Thrown by {@code exit} to leave the shell with a status; the loops catch it, nothing else should. */
public final class ExitRequest extends RuntimeException {
    private final int status;

    public ExitRequest(int status) {
        super(null, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
