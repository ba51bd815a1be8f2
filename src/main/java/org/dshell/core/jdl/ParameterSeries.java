package org.dshell.core.jdl;

import java.util.List;

/** One series of parameter values; the default series (for {@code %s}) has an empty name. */
record ParameterSeries(String name, List<JdlValue> values) {

    boolean isDefault() {
        return name.isEmpty();
    }
}
