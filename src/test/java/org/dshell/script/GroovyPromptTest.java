package org.dshell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.dshell.commands.CommandContext;
import org.dshell.commands.Dispatcher;
import org.dshell.core.UserConsole;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The groovy verb's prompt, over a console that types prepared lines. */
class GroovyPromptTest {
    @TempDir
    Path tmp;
    TestShell shell;

    @BeforeEach
    void open() {
        shell = new TestShell(tmp.resolve("home"), "alice");
    }

    @AfterEach
    void close() {
        shell.close();
    }

    /** A terminal that types the given lines and records the prompts and completions it was offered. */
    static final class TypingConsole implements UserConsole {
        final Deque<String> lines;
        final List<String> prompts = new ArrayList<>();
        List<String> completions = List.of();

        TypingConsole(String... lines) {
            this.lines = new ArrayDeque<>(List.of(lines));
        }

        @Override
        public String readLine(String prompt, List<String> words) {
            prompts.add(prompt);
            completions = words;
            return lines.poll();
        }

        public boolean interactive() {
            return true;
        }

        public boolean color() {
            return false;
        }

        public char[] readPassword(String prompt) {
            throw new UnsupportedOperationException();
        }

        public List<String> history() {
            return List.of();
        }

        public int width() {
            return 80;
        }
    }

    @Test
    void multiLineInputVariablesAndCompletion() {
        TypingConsole console = new TypingConsole("square = { n ->", "  n * n", "}", "total = square(6) + 6",
                "mkdir('p'); ls().collect { it.name }", "nothing + 1", ":exit");
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        CommandContext base = shell.context(writer, writer, "");
        CommandContext ctx = new CommandContext(writer, writer, new BufferedReader(new StringReader("")), base.session(), console,
                base.env(), base.home(), base.settings(), base::grid, base.verbs());
        Dispatcher.Outcome outcome = new Dispatcher(shell.verbs()).run(List.of("groovy"), ctx);
        assertEquals(0, outcome.status(), out.toString());
        assertEquals(List.of("groovy> ", "groovy| ", "groovy| ", "groovy> ", "groovy> ", "groovy> ", "groovy> "), console.prompts);
        String text = out.toString();
        assertTrue(text.contains("==> 42\n==> [p]\n"), text);
        assertTrue(text.contains("groovy: line 1: MissingPropertyException: No such property: nothing"), text);
        assertTrue(console.completions.containsAll(List.of("parallel", "waitFor", "ls", "submit", "total")), console.completions.toString());
        assertEquals("42\n", shell.run("eval total").out(), "the prompt's variables are eval's");
    }

    @Test
    void withoutATerminalGroovyExplainsWhatToUse() {
        TestShell.Result r = shell.run("groovy");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("needs a terminal"), r.err());
    }
}
