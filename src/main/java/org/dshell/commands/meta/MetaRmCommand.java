package org.dshell.commands.meta;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.dshell.commands.LfnArg;
import org.dshell.commands.MetaTerm;
import org.dshell.core.DshellException;
import org.dshell.core.meta.MetaField;
import org.dshell.core.meta.MetaFieldLookup;
import org.dshell.core.meta.StandardKey;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Removes own metadata values from entries (values a directory above sets stay inherited). */
@Command(name = "rm", description = "Remove metadata values set on files or directories; inherited values stay.",
        footer = {"%nExamples:", "  meta rm /dteam/data/run1 particle", "  meta rm run1/*.dat energy quality"})
public final class MetaRmCommand extends MetaVerb {
    @Parameters(index = "0", paramLabel = "PATH", description = "A file or directory, or a wildcard pattern.")
    LfnArg path;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME")
    List<MetaTerm> names;

    @Override
    protected int execute() {
        MetaFieldLookup lookup = metadata().lookup();
        LinkedHashSet<MetaField> fields = new LinkedHashSet<>();
        for (MetaTerm term : names) {
            String name = term.text();
            if (StandardKey.isReserved(name)) {
                throw DshellException.usage("'" + name + "' is a standard key, it cannot be removed");
            }
            fields.add(lookup.find(name).orElseThrow(() -> DshellException.usage("unknown metadata field '" + name + "'")));
        }
        metadata().remove(expand(path), new ArrayList<>(fields));
        return 0;
    }
}
