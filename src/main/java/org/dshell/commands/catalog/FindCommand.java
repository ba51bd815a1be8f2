package org.dshell.commands.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.dshell.backend.MetadataCatalog;
import org.dshell.commands.LfnArg;
import org.dshell.commands.MetaTerm;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.Glob;
import org.dshell.core.LfnPath;
import org.dshell.core.format.Json;
import org.dshell.core.meta.MetaQuery;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Finds files or directories by metadata with DIRAC's find syntax, streaming LFNs sorted by path. */
@Command(name = "find", description = "Find files by metadata below a directory: name<op>value words (= != < > <= >=), all ANDed.",
        footer = {"%nA value list means in (=) or not in (!=); * and ? in a string value are wildcards; a repeated",
                "name adds conditions (energy>1 energy<5). Directory fields are inherited from directories above.",
                "Standard keys: Size, SE, Owner, Group, CreationDate, ModificationDate, Name, Path, CheckSum, GUID, Status.",
                "%nExamples:", "  find /dteam/data particle=proton energy>2.5", "  find . run=1,2,3 quality!=bad",
                "  find /dteam 'Name=*.root' Size>1000000 --count", "  find . SE=DISK-SE -l", "  find /dteam/data particle=pion --dirs"})
public final class FindCommand extends Verb {
    // A word that starts like a condition (name and operator) is the query, not the PATH.
    private static final Pattern CONDITION = Pattern.compile("[A-Za-z][A-Za-z0-9_]*\\s*[=<>!~].*", Pattern.DOTALL);

    @Option(names = "-l", description = "Long format: mode, replicas, owner, group, size, date, path.")
    boolean longFormat;

    @Option(names = "--count", description = "Print only the number of matches.")
    boolean count;

    @Option(names = "--dirs", description = "Find directories (by directory fields) instead of files.")
    boolean directories;

    @Option(names = "--bytes", description = "With -l, sizes in bytes instead of K, M, G.")
    boolean bytes;

    @Option(names = "--json", description = "Print one JSON array of entries.")
    boolean json;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Where to search (default: the current directory).")
    LfnArg path;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "QUERY", description = "Conditions name<op>value.")
    List<MetaTerm> query = new ArrayList<>();

    @Override
    protected int execute() {
        List<String> words = new ArrayList<>();
        LfnPath top = ctx.session().cwd();
        if (path != null && CONDITION.matcher(Glob.literal(path.raw())).matches()) {
            words.add(Glob.literal(path.raw()));
        } else if (path != null) {
            List<LfnPath> tops = expand(path);
            if (tops.size() != 1) {
                throw DshellException.usage("find searches one directory, '" + Glob.literal(path.raw()) + "' matches " + tops.size());
            }
            top = tops.get(0);
        }
        query.forEach(term -> words.add(term.text()));
        MetadataCatalog metadata = ctx.grid().metadata();
        MetaQuery parsed = MetaQuery.parse(words, metadata.lookup());
        if (count) {
            long n = metadata.count(top, parsed, directories);
            if (json(json)) {
                Json.print(out(), java.util.Map.of("count", n));
            } else {
                out().println(n);
            }
            return 0;
        }
        EntryPrinter.Style style = json(json) ? EntryPrinter.Style.JSON : longFormat ? EntryPrinter.Style.LONG : null;
        if (style == null) {
            metadata.find(top, parsed, directories, entry -> {
                checkInterrupted();
                out().println(entry.path());
            });
            return 0;
        }
        try (EntryPrinter printer = new EntryPrinter(out(), style, bytes)) {
            metadata.find(top, parsed, directories, entry -> {
                checkInterrupted();
                printer.print(entry, entry.path().toString());
            });
        }
        return 0;
    }
}
