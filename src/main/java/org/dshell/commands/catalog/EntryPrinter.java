package org.dshell.commands.catalog;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;

import org.dshell.core.CatalogEntry;
import org.dshell.core.Modes;
import org.dshell.core.format.Json;
import org.dshell.core.format.Sizes;
import org.dshell.core.format.Table;

/**
 * Prints catalog entries as {@code ls} does: names, long rows, or a streamed JSON array. One
 * printer per verb call, so a listing of any size is one document.
 */
final class EntryPrinter implements AutoCloseable {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    enum Style { SHORT, LONG, JSON }

    private final PrintWriter out;
    private final Style style;
    private final boolean bytes;
    private Table table;
    private JsonGenerator json;
    private long lastMinute = Long.MIN_VALUE;
    private String lastDate;

    EntryPrinter(PrintWriter out, Style style, boolean bytes) {
        this.out = out;
        this.style = style;
        this.bytes = bytes;
        if (style == Style.JSON) {
            json = Json.generator(out);
            write(() -> json.writeStartArray());
        }
    }

    boolean namesOnly() {
        return style == Style.SHORT;
    }

    /** A name in the short style, where nothing but the name and its kind is shown. */
    void printName(String name, boolean directory) {
        out.println(directory ? name + "/" : name);
    }

    void print(CatalogEntry e, String displayName) {
        switch (style) {
            case SHORT -> out.println(displayName + (e.isDirectory() ? "/" : ""));
            case LONG -> {
                if (table == null) {
                    table = new Table(out, false, true, false, false, true, false, false);
                }
                table.row(Modes.format(e.kind(), e.mode()), e.isDirectory() ? "-" : Integer.toString(e.replicaCount()),
                        e.owner(), e.group(), bytes ? Long.toString(e.size()) : Sizes.human(e.size()),
                        date(e.modified()), displayName + (e.isDirectory() ? "/" : ""));
            }
            case JSON -> write(() -> writeJson(e));
        }
    }

    /** Files of one listing mostly share their minute: format each minute once. */
    private String date(java.time.Instant when) {
        long minute = Math.floorDiv(when.toEpochMilli(), 60_000L);
        if (minute != lastMinute) {
            lastMinute = minute;
            lastDate = DATE.format(when);
        }
        return lastDate;
    }

    /** Prints a line of its own (a directory header in a recursive listing), after the rows so far. */
    void heading(String text) {
        flushRows();
        if (style != Style.JSON) {
            out.println(text);
        }
    }

    void flushRows() {
        if (table != null) {
            table.flush();
            table = null;
        }
        out.flush();
    }

    private void writeJson(CatalogEntry e) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", e.name());
        json.writeStringField("path", e.path().toString());
        json.writeStringField("type", e.isDirectory() ? "directory" : "file");
        if (!e.isDirectory()) {
            json.writeNumberField("size", e.size());
            json.writeStringField("checksum", e.checksum());
            json.writeStringField("guid", e.guid());
            json.writeNumberField("replicas", e.replicaCount());
        }
        json.writeStringField("owner", e.owner());
        json.writeStringField("group", e.group());
        json.writeStringField("mode", String.format("%04o", e.mode()));
        json.writeStringField("created", e.created().toString());
        json.writeStringField("modified", e.modified().toString());
        json.writeStringField("status", e.status());
        json.writeEndObject();
    }

    @Override
    public void close() {
        flushRows();
        if (json != null) {
            write(() -> {
                json.writeEndArray();
                json.flush();
            });
            out.println();
            out.flush();
        }
    }

    private interface JsonWork {
        void run() throws IOException;
    }

    private static void write(JsonWork work) {
        try {
            work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
