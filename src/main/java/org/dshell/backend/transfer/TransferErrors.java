package org.dshell.backend.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.dshell.core.DshellException;

/** Turns what went wrong in a transfer into the one line a user reads. */
public final class TransferErrors {
    private TransferErrors() {
    }

    /** A failure's reason in one line, as the user should read it. */
    public static String reason(Throwable e) {
        if (e instanceof DshellException) {
            return e.getMessage();
        }
        if (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException || e instanceof InterruptedException) {
            return "interrupted";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + ": " + fs.getFile();
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
