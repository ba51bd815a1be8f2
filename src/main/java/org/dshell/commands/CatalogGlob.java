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
final class CatalogGlob {
    private CatalogGlob() {
    }

    static LfnPath resolveLiteral(Session session, String literal) {
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
        List<LfnPath> current = List.of(base);
        for (String segment : rest.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            List<LfnPath> next = new ArrayList<>();
            for (LfnPath dir : current) {
                if (Glob.isPattern(segment)) {
                    matchIn(catalog, dir, Glob.toRegex(segment), next);
                } else {
                    next.add(dir.resolve(Glob.literal(segment)));
                }
            }
            current = next;
        }
        List<LfnPath> matches = current.stream().filter(p -> catalog.stat(p).isPresent()).sorted().toList();
        if (matches.isEmpty()) {
            throw DshellException.failure("no match: " + Glob.literal(raw));
        }
        return matches;
    }

    private static void matchIn(FileCatalog catalog, LfnPath dir, Pattern pattern, List<LfnPath> into) {
        CatalogEntry entry = catalog.stat(dir).orElse(null);
        if (entry == null || !entry.isDirectory()) {
            return;
        }
        catalog.list(dir, FileCatalog.Order.NAME, child -> {
            if (pattern.matcher(child.name()).matches()) {
                into.add(child.path());
            }
        });
    }
}
