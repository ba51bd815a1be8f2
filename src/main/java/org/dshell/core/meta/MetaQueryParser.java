package org.dshell.core.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads DIRAC {@code find} syntax into a {@link MetaQuery}: words {@code name<op>value}, all ANDed,
 * {@code =a,b} meaning in and {@code !=a,b} not in (DIRAC MetaQuery.setMetaQuery).
 */
public final class MetaQueryParser {
    private final MetaFieldLookup lookup;

    public MetaQueryParser(MetaFieldLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * Parses already split words; a value the shell received quoted arrives whole, spaces included.
     *
     * @throws org.dshell.core.DshellException a usage error naming the first bad word
     */
    public MetaQuery parse(List<String> words) {
        // Keyed by canonical name, so "size>1 Size<5" is one field with two conditions.
        Map<String, MetaField> fields = new LinkedHashMap<>();
        Map<String, List<Condition>> conditions = new LinkedHashMap<>();
        for (String word : words) {
            QueryToken token = QueryToken.split(word);
            MetaField field = resolve(token, lookup);
            fields.put(field.name(), field);
            conditions.computeIfAbsent(field.name(), k -> new ArrayList<>()).add(condition(token, field));
        }
        List<FieldQuery> result = new ArrayList<>();
        fields.forEach((name, field) -> result.add(new FieldQuery(field, conditions.get(name))));
        return new MetaQuery(result);
    }

    /**
     * DIRAC merges a repeated operator on one name into a set, so {@code a=1 a=2} becomes "a in (1,2)"
     * there while {@code a>1 a>2} is an error; here every word is one more ANDed condition, so
     * {@code a=1 a=2} matches nothing, as "all words are ANDed" promises.
     */
    private static Condition condition(QueryToken token, MetaField field) {
        List<String> elements = token.elements();
        Operator op = token.op();
        if (elements.size() > 1) {
            op = op.forList().orElseThrow(() ->
                    token.error("a list of values needs = or !=, not " + token.op().symbol()));
        }
        List<Object> values = new ArrayList<>();
        for (String element : elements) {
            values.add(convert(token, field, element));
        }
        return new Condition(op, values);
    }

    /** Standard keys first, case-insensitively; they cannot be shadowed by a user field of the same name. */
    static MetaField resolve(QueryToken token, MetaFieldLookup lookup) {
        return StandardKey.lookup(token.name()).map(StandardKey::field)
                .or(() -> lookup.find(token.name()))
                .orElseThrow(() -> token.error("unknown metadata field '" + token.name() + "'"));
    }

    static Object convert(QueryToken token, MetaField field, String text) {
        try {
            return field.type().parse(text);
        } catch (IllegalArgumentException e) {
            throw token.error(field.name() + " is " + article(field.type()) + " field, " + e.getMessage());
        }
    }

    private static String article(MetaType type) {
        return (type == MetaType.INT ? "an " : "a ") + type.keyword();
    }
}
