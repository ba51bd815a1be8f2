package org.dshell.commands.completion;

import java.util.ArrayList;
import java.util.List;

import org.dshell.commands.CommandContext;
import org.dshell.core.DshellException;
import org.dshell.core.completion.Candidate;
import org.dshell.core.meta.MetaField;
import org.dshell.core.meta.StandardKey;

/**
 * Field names for {@code find} conditions and {@code meta set} assignments. A name is offered without
 * a trailing space, since an operator and a value follow; once an operator is typed there is nothing to add.
 */
final class MetaFieldCompletion {
    private MetaFieldCompletion() {
    }

    static List<Candidate> complete(String partial, boolean withStandardKeys, CommandContext ctx) {
        if (partial.chars().anyMatch(c -> "=<>!~".indexOf(c) >= 0)) {
            return List.of();
        }
        List<Candidate> result = new ArrayList<>();
        try {
            for (MetaField f : ctx.grid().metadata().fields()) {
                if (f.name().startsWith(partial)) {
                    result.add(new Candidate(f.name(), f.name(), "fields", f.type().keyword() + " "
                            + f.scope().name().toLowerCase(java.util.Locale.ROOT) + " field", false));
                }
            }
        } catch (DshellException e) {
            // no metadata store: offer the standard keys alone
        }
        if (withStandardKeys) {
            for (StandardKey key : StandardKey.values()) {
                String name = key.field().name();
                if (name.toLowerCase(java.util.Locale.ROOT).startsWith(partial.toLowerCase(java.util.Locale.ROOT))) {
                    result.add(new Candidate(name, name, "standard keys", key.field().type().keyword(), false));
                }
            }
        }
        return result;
    }
}
