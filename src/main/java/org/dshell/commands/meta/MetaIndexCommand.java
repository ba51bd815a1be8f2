package org.dshell.commands.meta;

import java.util.List;

import org.dshell.core.DshellException;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.meta.MetaType;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Defines or removes a metadata field, as DIRAC's {@code meta index}. */
@Command(name = "index", description = "Define a metadata field for directories (-d, the default, inherited below) or files (-f); -r removes one and its values.",
        footer = {"%nExamples:", "  meta index particle string", "  meta index -f energy float", "  meta index -f run int",
                "  meta index -d taken date", "  meta index -r energy"})
public final class MetaIndexCommand extends MetaVerb {

    @ArgGroup(exclusive = true)
    Kind kind;

    /** -f, -d and -r exclude each other. */
    static final class Kind {
        @Option(names = "-d", description = "A directory field (the default): set on directories, inherited by everything below.")
        boolean directory;

        @Option(names = "-f", description = "A file field: set on files.")
        boolean file;

        @Option(names = "-r", description = "Remove the field and every value set for it.")
        boolean remove;
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits and _, starting with a letter.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", completionCandidates = Types.class,
            description = "int, float, string or date.")
    String type;

    /** The type names offered on TAB. */
    static final class Types implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("int", "float", "string", "date").iterator();
        }
    }

    @Override
    protected int execute() {
        if (kind != null && kind.remove) {
            if (type != null) {
                throw DshellException.usage("-r takes only a field name, not '" + type + "'");
            }
            metadata().removeField(name);
            return 0;
        }
        if (type == null) {
            throw DshellException.usage("missing TYPE for '" + name + "' (int, float, string or date)");
        }
        MetaType parsed = MetaType.fromName(type).orElseThrow(() ->
                DshellException.usage("unknown type '" + type + "' (int, float, string or date)"));
        metadata().addField(name, parsed, kind != null && kind.file ? MetaScope.FILE : MetaScope.DIRECTORY);
        return 0;
    }
}
