package org.dshell.core.jdl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dshell.core.DshellException;

/**
 * A job description: attributes in written order, looked up without regard to case (as DIRAC's
 * JobDB does) while keeping the case they were written in.
 */
public final class Jdl {
    private final Map<String, JdlAttribute> byKey = new LinkedHashMap<>();

    public static Jdl parse(String text) {
        return JdlParser.parse(text);
    }

    public boolean has(String name) {
        return byKey.containsKey(key(name));
    }

    public Optional<JdlValue> get(String name) {
        JdlAttribute attribute = byKey.get(key(name));
        return attribute == null ? Optional.empty() : Optional.of(attribute.value());
    }

    /** Sets a value; an existing attribute keeps its place and its written name. */
    public Jdl set(String name, JdlValue value) {
        String key = key(name);
        JdlAttribute existing = byKey.get(key);
        byKey.put(key, new JdlAttribute(existing == null ? name : existing.name(), value));
        return this;
    }

    public Jdl set(String name, String value) {
        return set(name, new JdlString(value));
    }

    public Jdl set(String name, long value) {
        return set(name, JdlNumber.of(value));
    }

    public Jdl set(String name, List<String> values) {
        return set(name, JdlList.ofStrings(values));
    }

    /** Removes an attribute; returns whether it was there. */
    public boolean remove(String name) {
        return byKey.remove(key(name)) != null;
    }

    public List<JdlAttribute> attributes() {
        return List.copyOf(byKey.values());
    }

    public List<String> names() {
        return byKey.values().stream().map(JdlAttribute::name).toList();
    }

    public int size() {
        return byKey.size();
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    public Jdl copy() {
        Jdl copy = new Jdl();
        copy.byKey.putAll(byKey);
        return copy;
    }

    /** The attribute as text; a list is refused because silently picking an element would hide a mistake. */
    public Optional<String> getString(String name) {
        return get(name).map(value -> {
            if (value instanceof JdlList) {
                throw DshellException.usage(writtenName(name) + ": expected a single value, got a list " + value.toJdl());
            }
            return value.text();
        });
    }

    public String getString(String name, String defaultValue) {
        return getString(name).orElse(defaultValue);
    }

    /** The attribute as a list of texts; a single value is a one-element list, a missing one an empty list. */
    public List<String> getList(String name) {
        Optional<JdlValue> value = get(name);
        if (value.isEmpty()) {
            return List.of();
        }
        return value.get() instanceof JdlList list ? list.texts() : List.of(value.get().text());
    }

    /** The attribute as a long; a quoted number such as {@code "3600"} is accepted, as DIRAC does. */
    public Optional<Long> getLong(String name) {
        return get(name).map(value -> {
            try {
                BigDecimal number = value instanceof JdlNumber n ? n.toBigDecimal() : new BigDecimal(value.text().strip());
                return number.longValueExact();
            } catch (NumberFormatException | ArithmeticException notAnInteger) {
                throw DshellException.usage(writtenName(name) + ": expected an integer, got " + value.toJdl());
            }
        });
    }

    public long getLong(String name, long defaultValue) {
        return getLong(name).orElse(defaultValue);
    }

    public int getInt(String name, int defaultValue) {
        long value = getLong(name, defaultValue);
        if (value != (int) value) {
            throw DshellException.usage(writtenName(name) + ": " + value + " is too large");
        }
        return (int) value;
    }

    /** Canonical DIRAC JDL text; parsing it gives back an equal Jdl. */
    public String toJdl() {
        return JdlWriter.write(this);
    }

    String writtenName(String name) {
        JdlAttribute attribute = byKey.get(key(name));
        return attribute == null ? name : attribute.name();
    }

    /** Appends without the lookup-and-keep-name step; the expander builds thousands of jobs this way. */
    void append(JdlAttribute attribute) {
        byKey.put(key(attribute.name()), attribute);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Jdl jdl && new ArrayList<>(byKey.values()).equals(new ArrayList<>(jdl.byKey.values()));
    }

    @Override
    public int hashCode() {
        return new ArrayList<>(byKey.values()).hashCode();
    }

    @Override
    public String toString() {
        return toJdl();
    }
}
