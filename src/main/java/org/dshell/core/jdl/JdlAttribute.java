package org.dshell.core.jdl;

import java.util.Objects;

/** One attribute of a JDL, with its name as written. */
public record JdlAttribute(String name, JdlValue value) {

    public JdlAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
