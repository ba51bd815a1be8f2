package org.dshell.shell;

import java.util.List;

import org.dshell.commands.CommandContext;
import org.dshell.commands.completion.CompletionEngine;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Turns dshell's completion proposals into JLine candidates: the one place completion meets JLine. */
final class JLineCompleter implements Completer {
    private final CompletionEngine engine;
    private final CommandContext ctx;

    JLineCompleter(CompletionEngine engine, CommandContext ctx) {
        this.engine = engine;
        this.ctx = ctx;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, line.wordIndex());
        String partial = line.word().substring(0, line.wordCursor());
        for (org.dshell.core.completion.Candidate c : engine.complete(before, partial, ctx)) {
            candidates.add(new Candidate(c.value(), c.display(), c.group(), c.description(), null, null, c.complete()));
        }
    }
}
