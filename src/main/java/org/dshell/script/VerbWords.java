package org.dshell.script;

import java.io.File;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns the arguments of a script's verb call into the words a person would type.
 * <ul>
 *   <li>a map (Groovy's named arguments, {@code ls('/d', l: true)}) becomes options, put before the
 *       other words: a one-letter key {@code k} is {@code -k}, a longer one {@code --key}; {@code true}
 *       gives the bare flag, {@code false} or {@code null} nothing, a list repeats the option per element
 *       ({@code i: ['a', 'b']} is {@code -i a -i b}), anything else is the option and its value;</li>
 *   <li>a list or array is flattened, one word per element;</li>
 *   <li>{@code null} is skipped; a {@link File} or {@link Path} is its path; anything else
 *       (strings, numbers, job ids) its {@code toString()}.</li>
 * </ul>
 * Each word is one word as if typed unquoted: no splitting at spaces, but wildcards ({@code * ? [}) are
 * expanded by the verbs that take catalog paths, and a word starting with {@code -} is an option
 * ({@code mkdir('-p', 'a/b')}); put {@code '--'} before words that start with {@code -}.
 */
public final class VerbWords {
    private VerbWords() {
    }

    public static List<String> of(List<?> args) {
        List<String> plain = plainWords(args);
        if (plain != null) {
            return plain;
        }
        List<String> options = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof Map<?, ?> map) {
                map.forEach((key, value) -> addOption(options, key.toString(), value));
            } else {
                flatten(arg, words);
            }
        }
        options.addAll(words);
        return options;
    }

    /**
     * The common call, strings, files and paths only, converted as {@link #flatten} converts them, without
     * its lambdas and lists: a {@code parallel} over thousands of files makes this call for each. Null
     * when some argument needs the general way.
     */
    private static List<String> plainWords(List<?> args) {
        List<String> words = new ArrayList<>(args.size());
        for (Object arg : args) {
            if (arg instanceof CharSequence text) {
                words.add(text.toString());
            } else if (arg instanceof File file) {
                words.add(file.getPath());
            } else if (arg instanceof Path path) {
                words.add(path.toString());
            } else {
                return null;
            }
        }
        return words;
    }

    private static void addOption(List<String> into, String key, Object value) {
        String option = key.startsWith("-") ? key : (key.length() == 1 ? "-" : "--") + key;
        if (value == null || Boolean.FALSE.equals(value)) {
            return;
        }
        if (Boolean.TRUE.equals(value)) {
            into.add(option);
            return;
        }
        List<String> values = new ArrayList<>();
        flatten(value, values);
        for (String v : values) {
            into.add(option);
            into.add(v);
        }
    }

    private static void flatten(Object arg, List<String> into) {
        if (arg == null) {
            return;
        }
        if (arg instanceof Collection<?> items) {
            items.forEach(item -> flatten(item, into));
        } else if (arg.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(arg); i++) {
                flatten(Array.get(arg, i), into);
            }
        } else if (arg instanceof File file) {
            into.add(file.getPath());
        } else if (arg instanceof Path path) {
            into.add(path.toString());
        } else {
            into.add(arg.toString());
        }
    }
}
