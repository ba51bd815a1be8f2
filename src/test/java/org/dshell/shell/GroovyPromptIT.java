package org.dshell.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code groovy} prompt in a real terminal (tmux), entered from the dshell prompt: expressions,
 * verbs as methods, a closure over several lines, an error that leaves the prompt running, variables
 * that outlive a line, Ctrl-C during an evaluation, and {@code :exit} back to the dshell prompt.
 */
class GroovyPromptIT {
    private static final String DSHELL = "dshell:/dteam/user/l/localuser> ";
    private static final String GROOVY = "groovy> ";

    @TempDir
    Path tmp;

    /** How often {@code text} is on the screen: the prompts before each answer stay on it. */
    private static int count(String screen, String text) {
        return screen.split(Pattern.quote(text), -1).length - 1;
    }

    /** Types a line and waits for the n-th groovy prompt (the one after its answer). */
    private static String enter(Tmux tmux, String line, int promptsAfter, String what) throws Exception {
        tmux.type(line);
        tmux.press("Enter");
        return tmux.await(s -> count(s, GROOVY.trim()) >= promptsAfter && s.stripTrailing().endsWith(GROOVY.trim()), 30_000, what);
    }

    @Test
    void evaluatesCallsVerbsContinuesLinesSurvivesErrorsAndLeaves() throws Exception {
        try (Tmux tmux = new Tmux("dshell-groovy-it-" + ProcessHandle.current().pid())) {
            tmux.start(List.of("DSHELL_HOME=" + tmp.resolve("home"), "USER=localuser", "NO_COLOR=1", "TERM=xterm"),
                    JarProcess.javaBinary() + " -jar " + JarProcess.jar());
            tmux.await(s -> s.contains(DSHELL.trim()), 20_000, "the dshell prompt");
            tmux.type("groovy");
            tmux.press("Enter");
            // Loading Groovy takes a moment on a loaded machine.
            tmux.await(s -> s.contains("with the dshell API; :exit to leave.") && s.stripTrailing().endsWith(GROOVY.trim()), 60_000,
                    "the groovy prompt");

            enter(tmux, "1 + 2", 2, "an expression");
            tmux.await(s -> s.contains(GROOVY + "1 + 2\n==> 3\n"), 5_000, "its value");

            enter(tmux, "mkdir('-p', 'data/run1')", 3, "a verb");
            enter(tmux, "pwd()", 4, "a verb with text output");
            tmux.await(s -> s.contains(GROOVY + "pwd()\n==> /dteam/user/l/localuser\n"), 5_000, "pwd's text");
            enter(tmux, "names = ls()*.name", 5, "a verb with JSON output, kept in a variable");
            tmux.await(s -> s.contains("==> [data]\n"), 5_000, "ls' names");

            // A line with an open brace continues on a groovy| line until it closes.
            tmux.type("twice = { n ->");
            tmux.press("Enter");
            tmux.await(s -> s.stripTrailing().endsWith("groovy|"), 10_000, "the continuation prompt");
            tmux.type("  n * 2");
            tmux.press("Enter");
            tmux.await(s -> count(s, "groovy|") >= 2, 10_000, "the second continuation prompt");
            enter(tmux, "}", 6, "the closure's last line");
            enter(tmux, "twice(21) + names.size()", 7, "a call of the closure");
            tmux.await(s -> s.contains(GROOVY + "twice(21) + names.size()\n==> 43\n"), 5_000, "the closure's value");

            // An error is one line naming the prompt's line; the prompt carries on with its variables.
            String error = enter(tmux, "ls('/nope')", 8, "an error");
            if (!error.contains(GROOVY + "ls('/nope')\ngroovy: line 1: ls: no such file or directory: /nope\n" + GROOVY.trim())) {
                throw new AssertionError("not one error line:\n" + error);
            }
            enter(tmux, "twice(names.size())", 9, "the prompt after an error");
            tmux.await(s -> s.contains(GROOVY + "twice(names.size())\n==> 2\n"), 5_000, "the value after an error");

            tmux.type(":exit");
            tmux.press("Enter");
            tmux.await(s -> s.stripTrailing().endsWith(DSHELL.trim()), 15_000, "the dshell prompt after :exit");

            // Variables outlive the prompt (eval shares them); Ctrl-C stops an evaluation and returns to dshell.
            tmux.type("eval 'twice(5)'");
            tmux.press("Enter");
            tmux.await(s -> s.contains("\n10\n" + DSHELL.trim()), 15_000, "eval seeing the prompt's closure");
            tmux.type("groovy");
            tmux.press("Enter");
            tmux.await(s -> count(s, GROOVY.trim()) >= 10 && s.stripTrailing().endsWith(GROOVY.trim()), 30_000, "the groovy prompt again");
            tmux.type("while (true) { Thread.sleep(10) }");
            tmux.press("Enter");
            Thread.sleep(700);
            tmux.press("C-c");
            tmux.await(s -> s.contains("interrupted") && s.stripTrailing().endsWith(DSHELL.trim()), 15_000,
                    "Ctrl-C to stop the loop and show the dshell prompt");
            tmux.type("pwd");
            tmux.press("Enter");
            tmux.await(s -> s.contains("pwd\n/dteam/user/l/localuser\n" + DSHELL.trim()), 15_000, "the shell after Ctrl-C");
            tmux.type("exit 0");
            tmux.press("Enter");
            tmux.awaitExit("exit 0 leaves the shell"); // before the temporary home is deleted
        }
    }
}
