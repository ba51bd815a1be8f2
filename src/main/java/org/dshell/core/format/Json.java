package org.dshell.core.format;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON output for {@code --json}: one document per verb call. Jackson loads only when first asked for. */
public final class Json {
    private Json() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** Writes {@code value} as one JSON document and a newline. */
    public static void print(PrintWriter out, Object value) {
        try {
            Holder.MAPPER.writeValue(out, value);
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generator for documents too large to build in memory (a long listing as a streamed array). */
    public static JsonGenerator generator(PrintWriter out) {
        try {
            return Holder.MAPPER.getFactory().createGenerator(out).useDefaultPrettyPrinter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
