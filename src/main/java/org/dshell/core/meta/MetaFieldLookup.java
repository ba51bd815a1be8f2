package org.dshell.core.meta;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Resolves a user-defined metadata field by name; standard keys are handled by the parser, not here. */
@FunctionalInterface
public interface MetaFieldLookup {

    Optional<MetaField> find(String name);

    /** A lookup over a fixed set of fields, matched by exact name as DIRAC does for user fields. */
    static MetaFieldLookup of(Collection<MetaField> fields) {
        Map<String, MetaField> byName = fields.stream()
                .collect(Collectors.toUnmodifiableMap(MetaField::name, Function.identity()));
        return name -> Optional.ofNullable(byName.get(name));
    }
}
