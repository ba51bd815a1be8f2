package org.dshell.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dshell.core.DshellException;
import org.dshell.core.Glob;
import org.dshell.core.Session;

/**
 * Expands shell wildcards in local path arguments against the local file system, relative to the
 * local working directory, as a shell would: {@code put *.dat run7} works inside dshell too.
 */
public final class LocalGlob {
    private LocalGlob() {
    }

    /** The local paths an argument stands for: one literal path, or every match of its wildcards (sorted); no match is an error. */
    public static List<Path> expand(Session session, String raw) {
        if (!Glob.isPattern(raw)) {
            return List.of(session.localPath(Glob.literal(raw)));
        }
        String rest = raw;
        Path base;
        if (raw.startsWith("/")) {
            base = Path.of("/");
        } else if (raw.equals("~") || raw.startsWith("~/")) {
            base = session.localPath("~");
            rest = raw.substring(1);
        } else {
            base = session.localCwd();
        }
        List<Path> current = List.of(base);
        for (String segment : rest.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (Glob.isPattern(segment)) {
                    matchIn(dir, Glob.toRegex(segment), next);
                } else {
                    next.add(dir.resolve(Glob.literal(segment)).normalize());
                }
            }
            current = next;
        }
        List<Path> matches = current.stream().filter(Files::exists).sorted().toList();
        if (matches.isEmpty()) {
            throw DshellException.usage("no match: " + Glob.literal(raw));
        }
        return matches;
    }

    private static void matchIn(Path dir, Pattern pattern, List<Path> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(p -> pattern.matcher(p.getFileName().toString()).matches()).forEach(into::add);
        } catch (IOException e) {
            // an unreadable directory matches nothing, as in a shell
        }
    }
}
