package org.dshell.core.meta;

import java.util.Objects;
import java.util.regex.Pattern;

/** A named, typed metadata field, user-defined (file or directory) or a standard key. */
public record MetaField(String name, MetaType type, MetaScope scope) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public MetaField {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("not a valid field name: " + name);
        }
    }

    /** True for letters, digits and {@code _}, starting with a letter; the SQL layer relies on this to name columns safely. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
