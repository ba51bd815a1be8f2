package org.dshell.core.meta;

import java.util.List;
import java.util.Optional;

/**
 * Catalog attributes that {@code find} accepts without a {@code meta index}, after DIRAC's
 * FILE_STANDARD_METAKEYS. Names match case-insensitively; DIRAC's own spellings User and FileName are
 * accepted as aliases of Owner and Name.
 */
public enum StandardKey {
    SIZE("Size", MetaType.INT),
    SE("SE", MetaType.STRING),
    OWNER("Owner", MetaType.STRING, "User"),
    GROUP("Group", MetaType.STRING),
    CREATION_DATE("CreationDate", MetaType.DATE),
    MODIFICATION_DATE("ModificationDate", MetaType.DATE),
    NAME("Name", MetaType.STRING, "FileName"),
    PATH("Path", MetaType.STRING),
    CHECKSUM("CheckSum", MetaType.STRING),
    GUID("GUID", MetaType.STRING),
    STATUS("Status", MetaType.STRING);

    private final MetaField field;
    private final List<String> aliases;

    StandardKey(String name, MetaType type, String... aliases) {
        this.field = new MetaField(name, type, MetaScope.STANDARD);
        this.aliases = List.of(aliases);
    }

    /** The field under its canonical name; query models and value maps use that name. */
    public MetaField field() {
        return field;
    }

    /** Finds a standard key by name or alias, ignoring case. */
    public static Optional<StandardKey> lookup(String name) {
        for (StandardKey key : values()) {
            if (key.field.name().equalsIgnoreCase(name)
                    || key.aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** True if a user field may not take this name (DIRAC refuses "reserved metafield" names too). */
    public static boolean isReserved(String name) {
        return lookup(name).isPresent();
    }

    @Override
    public String toString() {
        return field.name();
    }
}
