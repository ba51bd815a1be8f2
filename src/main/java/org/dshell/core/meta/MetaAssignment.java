package org.dshell.core.meta;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One {@code NAME=VALUE} of {@code meta set}: a user field and a value already checked against its type. */
public record MetaAssignment(MetaField field, Object value) {

    public MetaAssignment {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses one assignment. The value is taken whole: commas are plain characters here, and one pair
     * of surrounding quotes is removed. Standard keys are refused, as DIRAC's setMetadata only writes
     * user metadata.
     *
     * @throws org.dshell.core.DshellException a usage error naming the word
     */
    public static MetaAssignment parse(String word, MetaFieldLookup lookup) {
        QueryToken token = QueryToken.split(word);
        if (token.op() != Operator.EQ) {
            throw token.error("expected NAME=VALUE");
        }
        MetaField field = MetaQueryParser.resolve(token, lookup);
        if (field.scope() == MetaScope.STANDARD) {
            throw token.error(field.name() + " is a standard key, it cannot be set");
        }
        return new MetaAssignment(field, MetaQueryParser.convert(token, field, token.singleValue()));
    }

    /** Parses several assignments; naming a field twice is an error rather than a silent last-wins. */
    public static List<MetaAssignment> parseAll(List<String> words, MetaFieldLookup lookup) {
        List<MetaAssignment> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String word : words) {
            MetaAssignment a = parse(word, lookup);
            if (!seen.add(a.field().name())) {
                throw QueryToken.error(word, a.field().name() + " is assigned twice");
            }
            result.add(a);
        }
        return result;
    }
}
