package org.dshell.core.meta;

import java.util.List;

/** The user fields the meta tests query: one per type, on files and on directories. */
final class TestFields {
    static final MetaField ENERGY = new MetaField("energy", MetaType.INT, MetaScope.FILE);
    static final MetaField WEIGHT = new MetaField("weight", MetaType.FLOAT, MetaScope.FILE);
    static final MetaField PARTICLE = new MetaField("particle", MetaType.STRING, MetaScope.DIRECTORY);
    static final MetaField TAKEN = new MetaField("taken", MetaType.DATE, MetaScope.DIRECTORY);
    static final MetaFieldLookup LOOKUP = MetaFieldLookup.of(List.of(ENERGY, WEIGHT, PARTICLE, TAKEN));

    private TestFields() {
    }

    static MetaQuery query(String... words) {
        return MetaQuery.parse(List.of(words), LOOKUP);
    }
}
