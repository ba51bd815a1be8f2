package org.dshell.core.meta;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** All conditions on one field, ANDed; a repeated name in a query lands here, so {@code e>1 e<5} is a range. */
public record FieldQuery(MetaField field, List<Condition> conditions) {

    public FieldQuery {
        Objects.requireNonNull(field, "field");
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("no conditions on " + field.name());
        }
    }

    /**
     * Tests a file's value for this field. A missing value (null or an empty collection) fails every
     * condition, {@code !=} included: DIRAC joins user metadata tables with INNER JOIN and its
     * MetaQuery.applyQuery returns False when the key is absent.
     */
    public boolean matches(Object actual) {
        if (actual == null || actual instanceof Collection<?> c && c.isEmpty()) {
            return false;
        }
        return conditions.stream().allMatch(c -> c.test(actual));
    }
}
