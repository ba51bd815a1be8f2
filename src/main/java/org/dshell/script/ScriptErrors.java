package org.dshell.script;

import org.dshell.core.DshellException;

/** One-line messages for errors in scripts: dshell's own as they are, others as {@code Type: message}. */
public final class ScriptErrors {
    private ScriptErrors() {
    }

    public static String oneLine(Throwable error) {
        if (error instanceof DshellException) {
            return firstLine(error.getMessage());
        }
        if (error instanceof InterruptedException) {
            return "interrupted";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    /** The line of the innermost frame of {@code error} that lies in the script {@code fileName}, or -1. */
    public static int lineIn(Throwable error, String fileName) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (fileName.equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                    return frame.getLineNumber();
                }
            }
        }
        return -1;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
