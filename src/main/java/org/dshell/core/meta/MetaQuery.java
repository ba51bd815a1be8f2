package org.dshell.core.meta;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable metadata query: per field, ANDed conditions with typed operands; fields ANDed too.
 * The field's scope tells the SQL translation where to look (file table, inherited directory
 * metadata, or a standard column); {@link #matches} is the in-memory reference semantics.
 */
public record MetaQuery(List<FieldQuery> fields) {

    public MetaQuery {
        fields = List.copyOf(fields);
        Set<String> seen = new HashSet<>();
        for (FieldQuery f : fields) {
            if (!seen.add(f.field().name())) {
                throw new IllegalArgumentException("field " + f.field().name() + " appears twice");
            }
        }
    }

    /** Parses {@code find} words against the standard keys and the given user fields. */
    public static MetaQuery parse(List<String> words, MetaFieldLookup lookup) {
        return new MetaQueryParser(lookup).parse(words);
    }

    /** The conditions on a field, by canonical name (as in {@link MetaField#name()}). */
    public Optional<FieldQuery> field(String name) {
        return fields.stream().filter(f -> f.field().name().equals(name)).findFirst();
    }

    /** An empty query has no conditions and matches every file; whether {@code find} allows it is the verb's call. */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * Evaluates the query against one file's effective values, keyed by canonical field name: its own
     * file metadata, inherited directory metadata and standard attributes (a collection for SE).
     * A field the map lacks fails its conditions; see {@link FieldQuery#matches}.
     */
    public boolean matches(Map<String, ?> values) {
        return fields.stream().allMatch(f -> f.matches(values.get(f.field().name())));
    }

    /** The query in find syntax, one word per condition, for messages and logs. */
    @Override
    public String toString() {
        return fields.stream()
                .flatMap(f -> f.conditions().stream().map(c -> f.field().name() + c.op().symbol()
                        + c.values().stream().map(v -> quoted(f.field().type().format(v))).collect(Collectors.joining(","))))
                .collect(Collectors.joining(" "));
    }

    private static String quoted(String text) {
        return text.matches("[^\\s,'\"]+") ? text : "'" + text + "'";
    }
}
