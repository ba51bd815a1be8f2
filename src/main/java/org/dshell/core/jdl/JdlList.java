package org.dshell.core.jdl;

import java.util.List;
import java.util.stream.Collectors;

/** A JDL list {@code {"a", "b", 3}}; elements may themselves be lists, as DIRAC's parameter lists allow. */
public record JdlList(List<JdlValue> items) implements JdlValue {

    public JdlList {
        items = List.copyOf(items);
    }

    public static JdlList ofStrings(List<String> values) {
        return new JdlList(values.stream().<JdlValue>map(JdlString::new).toList());
    }

    /** The elements' plain texts; nested lists appear in their JDL form. */
    public List<String> texts() {
        return items.stream().map(v -> v instanceof JdlList ? v.toJdl() : v.text()).toList();
    }

    @Override
    public String text() {
        return String.join(",", texts());
    }

    @Override
    public String toJdl() {
        return items.stream().map(JdlValue::toJdl).collect(Collectors.joining(", ", "{", "}"));
    }
}
