package org.dshell.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import picocli.CommandLine.Command;

/** The verbs dshell knows, grouped by theme for {@code help}. */
public final class VerbRegistry {

    /** One verb: its name, the theme {@code help} lists it under, and how to make an instance. */
    public record VerbInfo(String name, String theme, Class<? extends Verb> type, Supplier<? extends Verb> factory) {
        /** The first description line of the verb's {@code @Command}, read without building picocli's model. */
        public String summary() {
            Command command = type.getAnnotation(Command.class);
            return command == null || command.description().length == 0 ? "" : command.description()[0];
        }
    }

    private final Map<String, VerbInfo> verbs = new LinkedHashMap<>();

    public VerbRegistry add(String theme, Class<? extends Verb> type, Supplier<? extends Verb> factory) {
        Command command = type.getAnnotation(Command.class);
        VerbInfo info = new VerbInfo(command.name(), theme, type, factory);
        verbs.put(info.name(), info);
        for (String alias : command.aliases()) {
            verbs.put(alias, info);
        }
        return this;
    }

    public Optional<VerbInfo> find(String name) {
        return Optional.ofNullable(verbs.get(name));
    }

    /** Every verb once (aliases left out), in registration order. */
    public List<VerbInfo> all() {
        return verbs.values().stream().distinct().toList();
    }

    /** Every name a user can type, aliases included. */
    public List<String> names() {
        return new ArrayList<>(verbs.keySet());
    }

    /** The closest known verb names to a mistyped one (edit distance at most 2), best first. */
    public List<String> suggest(String typed) {
        return verbs.keySet().stream()
                .filter(name -> distance(typed, name) <= Math.min(2, Math.max(1, typed.length() / 2)))
                .sorted(Comparator.comparingInt((String name) -> distance(typed, name)).thenComparing(name -> name))
                .limit(3)
                .toList();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
