package org.dshell.commands.shellverbs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.Glob;
import org.dshell.core.format.Sizes;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists local files. */
@Command(name = "lls", description = "List local files (in the local working directory by default).",
        footer = {"%nExamples:", "  lls", "  lls -l data/"})
public final class LlsCommand extends Verb {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Option(names = "-l", description = "Long format: permissions, owner, size, date.")
    boolean longFormat;

    @Option(names = "-a", description = "Also show names starting with a dot.")
    boolean all;

    @Parameters(paramLabel = "PATH", arity = "0..*")
    List<LocalArg> paths = new ArrayList<>();

    @Override
    protected int execute() throws IOException {
        List<Path> targets = new ArrayList<>();
        if (paths.isEmpty()) {
            targets.add(ctx.session().localCwd());
        }
        for (LocalArg arg : paths) {
            targets.addAll(org.dshell.commands.LocalGlob.expand(ctx.session(), arg.path()));
        }
        for (Path target : targets) {
            if (!Files.exists(target)) {
                throw DshellException.failure("no such local file or directory: " + target);
            }
            if (targets.size() > 1 && Files.isDirectory(target)) {
                out().println(target + ":");
            }
            List<Path> entries = new ArrayList<>();
            if (Files.isDirectory(target)) {
                try (Stream<Path> children = Files.list(target)) {
                    children.filter(p -> all || !p.getFileName().toString().startsWith(".")).sorted().forEach(entries::add);
                }
            } else {
                entries.add(target);
            }
            print(entries);
        }
        return 0;
    }

    private void print(List<Path> entries) throws IOException {
        if (!longFormat) {
            entries.forEach(p -> out().println(p.getFileName() + (Files.isDirectory(p) ? "/" : "")));
            return;
        }
        Table table = new Table(out(), false, false, false, true, false, false);
        for (Path p : entries) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            table.row((a.isDirectory() ? "d" : "-") + PosixFilePermissions.toString(a.permissions()), a.owner().getName(),
                    a.group().getName(), Sizes.human(a.size()), DATE.format(a.lastModifiedTime().toInstant()),
                    p.getFileName() + (a.isDirectory() ? "/" : ""));
        }
        table.flush();
    }
}
