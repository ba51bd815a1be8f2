package org.dshell.commands.completion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.WorkloadManager;
import org.dshell.core.JobInfo;
import org.dshell.backend.StorageElement;
import org.dshell.commands.CommandContext;
import org.dshell.commands.Dispatcher;
import org.dshell.commands.JobIdArg;
import org.dshell.commands.LfnArg;
import org.dshell.commands.LocalArg;
import org.dshell.commands.SeArg;
import org.dshell.commands.MetaTerm;
import org.dshell.commands.ProductionIdArg;
import org.dshell.commands.ProductionStepArg;
import org.dshell.commands.VerbRegistry;
import org.dshell.core.DshellException;
import org.dshell.core.Glob;
import org.dshell.core.LfnPath;
import org.dshell.core.completion.Candidate;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completion for every verb, chosen by the type of the argument under the cursor: verbs,
 * subcommands and options from picocli's model, catalog paths for {@link LfnArg}, local paths for
 * {@link LocalArg}, and the declared candidates of other arguments. No JLine here.
 */
public final class CompletionEngine {
    private final VerbRegistry verbs;
    private final CatalogListingCache cache = new CatalogListingCache();
    private final java.util.Map<String, CommandSpec> specs = new java.util.concurrent.ConcurrentHashMap<>();

    public CompletionEngine(VerbRegistry verbs) {
        this.verbs = verbs;
    }

    public CatalogListingCache cache() {
        return cache;
    }

    /**
     * Candidates for the word being typed.
     *
     * @param before  the literal words of the current command before the cursor word
     * @param partial the cursor word up to the cursor, literal (quotes removed)
     */
    public List<Candidate> complete(List<String> before, String partial, CommandContext ctx) {
        if (before.isEmpty()) {
            return verbs.names().stream().filter(n -> n.startsWith(partial)).sorted().map(Candidate::of).toList();
        }
        Optional<VerbRegistry.VerbInfo> verb = verbs.find(before.get(0));
        if (verb.isEmpty()) {
            return List.of();
        }
        // picocli's model of a verb, built once: every TAB on the same verb reads the same declarations.
        CommandSpec spec = specs.computeIfAbsent(verb.get().name(),
                name -> Dispatcher.commandLine(verb.get().factory().get(), ctx).getCommandSpec());
        int firstArgument = 1;
        while (firstArgument < before.size() && spec.subcommands().containsKey(before.get(firstArgument))) {
            spec = spec.subcommands().get(before.get(firstArgument)).getCommandSpec();
            firstArgument++;
        }
        List<String> args = before.subList(firstArgument, before.size());
        if (!spec.subcommands().isEmpty() && args.isEmpty() && !partial.startsWith("-")) {
            return spec.subcommands().keySet().stream().filter(n -> n.startsWith(partial)).sorted().map(Candidate::of).toList();
        }
        if (partial.startsWith("-")) {
            List<Candidate> options = new ArrayList<>();
            for (OptionSpec option : spec.options()) {
                for (String name : option.names()) {
                    if (name.startsWith(partial) && !option.hidden()) {
                        String description = option.description().length > 0 ? option.description()[0] : null;
                        options.add(new Candidate(name, name, null, description, true));
                    }
                }
            }
            return options;
        }
        ArgSpec target = argumentAt(spec, args);
        return target == null ? List.of() : forArgument(target, partial, ctx, spec, args);
    }

    /** Which option value or positional parameter the next word fills. */
    private static ArgSpec argumentAt(CommandSpec spec, List<String> args) {
        int positional = 0;
        boolean afterDoubleDash = false;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (!afterDoubleDash && word.equals("--")) {
                afterDoubleDash = true;
            } else if (!afterDoubleDash && word.startsWith("-") && word.length() > 1) {
                OptionSpec option = spec.findOption(word);
                if (option != null && option.arity().max() > 0 && !option.typeInfo().isBoolean()) {
                    if (i == args.size() - 1) {
                        return option;
                    }
                    i++;
                }
            } else {
                positional++;
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().contains(positional)) {
                return p;
            }
        }
        return null;
    }

    private List<Candidate> forArgument(ArgSpec arg, String partial, CommandContext ctx, CommandSpec spec, List<String> args) {
        Class<?> type = arg.typeInfo().isCollection() && !arg.typeInfo().getAuxiliaryTypeInfos().isEmpty()
                ? arg.typeInfo().getAuxiliaryTypeInfos().get(0).getType() : arg.type();
        // An argument labelled DIR only ever takes a directory (cd, lcd, mkdir's parents...).
        boolean directoriesOnly = arg.paramLabel().equals("DIR");
        if (type == LfnArg.class) {
            List<Candidate> paths = catalogPaths(partial, ctx);
            return directoriesOnly ? paths.stream().filter(c -> !c.complete()).toList() : paths;
        }
        if (type == LocalArg.class) {
            List<Candidate> paths = localPaths(partial, ctx);
            return directoriesOnly ? paths.stream().filter(c -> !c.complete()).toList() : paths;
        }
        if (type == JobIdArg.class) {
            return jobIds(partial, ctx);
        }
        if (type == SeArg.class) {
            return storageElements(partial, ctx);
        }
        if (type == ProductionIdArg.class) {
            return ProductionCompletion.ids(partial, ctx);
        }
        if (type == ProductionStepArg.class) {
            return ProductionCompletion.steps(productionIdIn(spec, args), partial, ctx);
        }
        if (type == MetaTerm.class) {
            return MetaFieldCompletion.complete(partial, arg.paramLabel().equals("QUERY"), ctx);
        }
        if (arg.paramLabel().startsWith("OWNER") || arg.paramLabel().equals("GROUP")) {
            return ownersAndGroups(arg.paramLabel().equals("GROUP"), partial, ctx);
        }
        Iterable<String> declared = arg.completionCandidates();
        List<Candidate> result = new ArrayList<>();
        if (declared != null) {
            for (String value : declared) {
                if (value.startsWith(partial)) {
                    result.add(Candidate.of(value));
                }
            }
        }
        return result;
    }

    /** The production id typed earlier on the line (the positional parameter of that type), or null. */
    private static String productionIdIn(CommandSpec spec, List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            ArgSpec at = argumentAt(spec, args.subList(0, i));
            if (at != null && at.isPositional() && at.type() == ProductionIdArg.class && !args.get(i).startsWith("-")) {
                return args.get(i);
            }
        }
        return null;
    }

    /** Catalog paths below the directory part of {@code partial}; directories end in '/' and take no space. */
    public List<Candidate> catalogPaths(String partial, CommandContext ctx) {
        int slash = partial.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : partial.substring(0, slash + 1);
        String prefix = partial.substring(slash + 1);
        LfnPath dir;
        try {
            dir = dirPart.isEmpty() ? ctx.session().cwd()
                    : dirPart.equals("~/") ? ctx.session().home()
                    : ctx.session().cwd().resolve(dirPart.startsWith("~/") ? ctx.session().home() + dirPart.substring(1) : dirPart);
        } catch (DshellException e) {
            return List.of();
        }
        List<Candidate> result = new ArrayList<>();
        try {
            for (FileCatalog.ChildName child : cache.children(ctx.grid().catalog(), dir, prefix)) {
                if (child.name().startsWith(prefix) && (!child.name().startsWith(".") || prefix.startsWith("."))) {
                    String suffix = child.directory() ? "/" : "";
                    result.add(new Candidate(dirPart + child.name() + suffix, child.name() + suffix, null, null, !child.directory()));
                }
            }
        } catch (DshellException e) {
            return List.of(); // not a directory, no permission: nothing to offer
        }
        return result;
    }

    private static List<Candidate> localPaths(String partial, CommandContext ctx) {
        int slash = partial.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : partial.substring(0, slash + 1);
        String prefix = partial.substring(slash + 1);
        Path dir = ctx.session().localPath(dirPart.isEmpty() ? "." : dirPart);
        List<Candidate> result = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .filter(n -> !n.startsWith(".") || prefix.startsWith(".")).sorted().forEach(name -> {
                        boolean isDir = Files.isDirectory(dir.resolve(name));
                        String suffix = isDir ? "/" : "";
                        result.add(new Candidate(dirPart + name + suffix, name + suffix, null, null, !isDir));
                    });
        } catch (IOException e) {
            return List.of();
        }
        return result;
    }

    /** Your job ids, newest first, each described by its name and state; one query per TAB. */
    private static List<Candidate> jobIds(String partial, CommandContext ctx) {
        List<Candidate> result = new ArrayList<>();
        try {
            List<JobInfo> jobs = ctx.grid().workload().jobs(WorkloadManager.JobFilter.all());
            for (int i = jobs.size() - 1; i >= 0; i--) {
                JobInfo job = jobs.get(i);
                String id = Long.toString(job.id());
                if (id.startsWith(partial) && job.state() != org.dshell.core.JobState.DELETED) {
                    result.add(new Candidate(id, id, null, job.name() + " (" + job.state() + ")", true));
                }
            }
        } catch (DshellException e) {
            return List.of();
        }
        return result;
    }

    /** The declared storage elements, described by what they allow (no catalog access: cheap). */
    private static List<Candidate> storageElements(String partial, CommandContext ctx) {
        List<Candidate> result = new ArrayList<>();
        for (StorageElement se : ctx.grid().storageElements()) {
            if (se.name().startsWith(partial)) {
                String access = (se.readable() ? "r" : "-") + (se.writable() ? "w" : "-");
                result.add(new Candidate(se.name(), se.name(), null, access + " " + se.location(), true));
            }
        }
        return result;
    }

    /** The current identity's names and those on the entries of the current directory. */
    private List<Candidate> ownersAndGroups(boolean groups, String partial, CommandContext ctx) {
        TreeSet<String> names = new TreeSet<>();
        try {
            FileCatalog catalog = ctx.grid().catalog();
            names.add(groups ? catalog.identity().group() : catalog.identity().user());
            catalog.list(ctx.session().cwd(), FileCatalog.Order.NAME, e -> names.add(groups ? e.group() : e.owner()));
        } catch (DshellException e) {
            // offer what we have
        }
        return names.stream().filter(n -> n.startsWith(Glob.literal(partial))).map(Candidate::of).toList();
    }

    /** Whether the picocli model of a verb knows a subcommand by this name (for callers that split words). */
    static boolean isSubcommand(CommandLine commandLine, String word) {
        return commandLine.getSubcommands().containsKey(word);
    }
}
