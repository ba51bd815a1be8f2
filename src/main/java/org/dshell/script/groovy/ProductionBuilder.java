package org.dshell.script.groovy;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.codehaus.groovy.runtime.InvokerHelper;
import org.dshell.core.production.ProductionDraft;
import org.dshell.core.production.ProductionParser;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MissingMethodException;

/**
 * The Groovy side of {@code production('name') { settings(...); step('id') { ... } }}: closures whose
 * calls fill a {@link ProductionDraft} with the YAML file's field names ({@code group_size 3} or
 * {@code groupSize 3}). Calls that are not fields but that the script knows ({@code println}) reach
 * the script.
 */
final class ProductionBuilder extends GroovyObjectSupport {
    private final ProductionDraft draft;
    private final Object script;
    private final LineFinder lines;

    /** Where in the script the running call is. */
    interface LineFinder {
        int line();
    }

    ProductionBuilder(ProductionDraft draft, Object script, LineFinder lines) {
        this.draft = draft;
        this.script = script;
        this.lines = lines;
    }

    static void fill(Closure<?> body, Object delegate) {
        Closure<?> copy = (Closure<?>) body.clone();
        copy.setResolveStrategy(Closure.DELEGATE_FIRST);
        copy.setDelegate(delegate);
        copy.call();
    }

    /** {@code settings(retries: 2, cpu_time: 600)}. */
    public void settings(Map<String, ?> values) {
        values.forEach((k, v) -> draft.settings().put(snake(k), plain(v)));
    }

    /** {@code settings { retries 2 }}. */
    public void settings(Closure<?> body) {
        fill(body, new Fields(draft.settings(), ProductionParser.SETTINGS_FIELDS, script));
    }

    public void step(String id, Closure<?> body) {
        step(Map.of(), id, body);
    }

    public void step(Map<String, ?> fields, String id) {
        step(fields, id, null);
    }

    /** {@code step('process', parent: 'simulate') { job { ... } }}. */
    public void step(Map<String, ?> fields, String id, Closure<?> body) {
        Map<String, Object> step = draft.step(id, lines.line());
        fields.forEach((k, v) -> step.put(snake(k), plain(v)));
        if (body != null) {
            fill(body, new Fields(step, ProductionParser.STEP_FIELDS, script));
        }
    }

    public Object methodMissing(String name, Object args) {
        return toScript(script, name, args);
    }

    /** A mapping being filled: a step, its job, settings. Each call {@code field value} sets one field. */
    static final class Fields extends GroovyObjectSupport {
        private final Map<String, Object> values;
        private final Set<String> known;
        private final Object script;

        Fields(Map<String, Object> values, Set<String> known, Object script) {
            this.values = values;
            this.known = known;
            this.script = script;
        }

        public Object methodMissing(String name, Object args) {
            String field = snake(name);
            Object[] array = args instanceof Object[] a ? a : new Object[] {args};
            if (!known.contains(field) && InvokerHelper.getMetaClass(script).respondsTo(script, name).size() > 0) {
                return toScript(script, name, args);
            }
            if (array.length == 1 && array[0] instanceof Closure<?> body) {
                Map<String, Object> nested = new LinkedHashMap<>();
                fill(body, new Fields(nested, field.equals("job") ? ProductionParser.JOB_FIELDS : Set.of(), script));
                values.put(field, nested);
            } else if (array.length == 1) {
                values.put(field, plain(array[0]));
            } else if (array.length == 0) {
                throw new MissingMethodException(name, Fields.class, array);
            } else {
                values.put(field, plain(List.of(array)));
            }
            return null;
        }
    }

    private static Object toScript(Object script, String name, Object args) {
        return InvokerHelper.invokeMethod(script, name, args);
    }

    /** {@code groupSize} is {@code group_size}; snake_case names stay. */
    static String snake(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Groovy values as the plain ones YAML writes: GStrings as strings, decimals as doubles, files as paths. */
    static Object plain(Object value) {
        if (value instanceof CharSequence || value instanceof java.io.File || value instanceof java.nio.file.Path) {
            return value.toString();
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(i -> copy.add(plain(i)));
            return copy;
        }
        if (value instanceof Object[] items) {
            return plain(List.of(items));
        }
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Date) {
            return value;
        }
        return value.toString();
    }
}
