package org.dshell.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.dshell.backend.FileCatalog;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.Glob;
import org.dshell.core.LfnPath;
import org.dshell.core.Session;

/** Expands shell wildcards in catalog arguments against the catalog, as a shell does against disk. */
public final class CatalogGlob {
    private CatalogGlob() {
    }

    /** A literal catalog path (no wildcards) against the current directory; {@code ~} is home. */
    public static LfnPath resolveLiteral(Session session, String literal) {
        if (literal.equals("~")) {
            return session.home();
        }
        if (literal.startsWith("~/")) {
            return session.home().resolve(literal.substring(2).isEmpty() ? "." : literal.substring(2));
        }
        return session.cwd().resolve(literal);
    }

    static List<LfnPath> expand(FileCatalog catalog, Session session, String raw) {
        if (!Glob.isPattern(raw)) {
            return List.of(resolveLiteral(session, Glob.literal(raw)));
        }
        String rest = raw;
        LfnPath base;
        if (raw.startsWith("/")) {
            base = LfnPath.ROOT;
        } else if (raw.equals("~") || raw.startsWith("~/")) {
            base = session.home();
            rest = raw.substring(1);
        } else {
            base = session.cwd();
        }
        List<Found> current = List.of(new Found(base, false, false));
        for (String segment : rest.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            List<Found> next = new ArrayList<>();
            for (Found dir : current) {
                if (Glob.isPattern(segment)) {
                    matchIn(catalog, dir, Glob.toRegex(segment), next);
                } else {
                    next.add(new Found(dir.path().resolve(Glob.literal(segment)), false, false));
                }
            }
            current = next;
        }
        // What a listing produced exists; only paths ending in a literal segment need a stat.
        List<LfnPath> matches = current.stream().filter(f -> f.listed() || catalog.stat(f.path()).isPresent())
                .map(Found::path).sorted().toList();
        if (matches.isEmpty()) {
            throw DshellException.failure("no match: " + Glob.literal(raw));
        }
        return matches;
    }

    /** A path met while expanding; {@code listed} if it came from its directory's listing, which also told its kind. */
    private record Found(LfnPath path, boolean listed, boolean directory) {
    }

    // Names only (no entry rows, no stat per match), so a pattern over 10,000 files stays cheap.
    private static void matchIn(FileCatalog catalog, Found dir, Pattern pattern, List<Found> into) {
        boolean isDirectory = dir.listed() ? dir.directory()
                : catalog.stat(dir.path()).map(CatalogEntry::isDirectory).orElse(false);
        if (!isDirectory) {
            return;
        }
        for (FileCatalog.ChildName child : catalog.childNames(dir.path())) {
            if (pattern.matcher(child.name()).matches()) {
                into.add(new Found(dir.path().child(child.name()), true, child.directory()));
            }
        }
    }
}
