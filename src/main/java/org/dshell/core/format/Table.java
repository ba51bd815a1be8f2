package org.dshell.core.format;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for people. Rows are printed in blocks, so a long listing starts to appear
 * before it is complete; column widths only grow from one block to the next.
 */
public final class Table {
    private static final int BLOCK = 512;

    private final PrintWriter out;
    private final boolean[] rightAligned;
    private final int[] widths;
    private final List<String[]> pending = new ArrayList<>();

    /** @param rightAligned one flag per column: numbers read best aligned right */
    public Table(PrintWriter out, boolean... rightAligned) {
        this.out = out;
        this.rightAligned = rightAligned;
        this.widths = new int[rightAligned.length];
    }

    public Table header(String... cells) {
        return row(cells);
    }

    public Table row(String... cells) {
        pending.add(cells);
        if (pending.size() >= BLOCK) {
            flush();
        }
        return this;
    }

    /** Prints the rows held so far. */
    public void flush() {
        for (String[] row : pending) {
            for (int i = 0; i < row.length && i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (String[] row : pending) {
            line.setLength(0);
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                String cell = row[i];
                int pad = i < widths.length ? widths[i] - cell.length() : 0;
                if (rightAligned.length > i && rightAligned[i]) {
                    line.append(" ".repeat(Math.max(0, pad))).append(cell);
                } else {
                    line.append(cell);
                    if (!last) {
                        line.append(" ".repeat(Math.max(0, pad)));
                    }
                }
                if (!last) {
                    line.append("  ");
                }
            }
            out.println(line);
        }
        pending.clear();
        out.flush();
    }
}
