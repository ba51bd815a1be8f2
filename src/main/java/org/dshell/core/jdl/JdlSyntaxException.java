package org.dshell.core.jdl;

import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;

/** A JDL text that cannot be parsed; the message starts with {@code line L, column C:}. */
public final class JdlSyntaxException extends DshellException {
    private final int line;
    private final int column;

    public JdlSyntaxException(int line, int column, String what) {
        super(ExitStatus.USAGE, "line " + line + ", column " + column + ": " + what);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
