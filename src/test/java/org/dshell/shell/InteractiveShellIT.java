package org.dshell.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive prompt in a real terminal (tmux): prompt, TAB, Ctrl-C during a verb, Ctrl-D, history. */
class InteractiveShellIT {
    private static final String PROMPT = "dshell:/dteam/user/l/localuser> ";

    @TempDir
    Path tmp;

    private void startShell(Tmux tmux) throws Exception {
        tmux.start(List.of("DSHELL_HOME=" + tmp.resolve("home"), "USER=localuser", "NO_COLOR=1", "TERM=xterm"),
                JarProcess.javaBinary() + " -jar " + JarProcess.jar());
    }

    @Test
    void promptTabCompletionCtrlCAndHistory() throws Exception {
        try (Tmux tmux = new Tmux("dshell-it-" + ProcessHandle.current().pid())) {
            startShell(tmux);
            tmux.await(s -> s.contains(PROMPT.trim()), 20_000, "the prompt");
            tmux.type("mkdir -p data/run1 data/other");
            tmux.press("Enter");
            // The first command opens the catalog; on a loaded machine that can take seconds.
            tmux.await(s -> s.split(java.util.regex.Pattern.quote(PROMPT.trim()), -1).length > 2, 30_000, "the prompt after mkdir");
            tmux.type("cd da");
            tmux.press("Tab");
            tmux.await(s -> s.contains(PROMPT + "cd data/"), 15_000, "TAB to complete 'da' to 'data/'");
            tmux.type("ru");
            tmux.press("Tab");
            tmux.await(s -> s.contains(PROMPT + "cd data/run1/"), 15_000, "TAB to complete 'data/ru'");
            tmux.press("Enter");
            tmux.await(s -> s.contains("dshell:/dteam/user/l/localuser/data/run1>"), 15_000, "the prompt to follow cd");

            // Ctrl-C stops a running verb and returns to the prompt; the shell lives on.
            tmux.type("sleep 60");
            tmux.press("Enter");
            Thread.sleep(700);
            long start = System.currentTimeMillis();
            tmux.press("C-c");
            tmux.await(s -> s.contains("interrupted") && s.trim().endsWith("dshell:/dteam/user/l/localuser/data/run1>"), 10_000,
                    "Ctrl-C to stop sleep and show the prompt");
            assertTrue(System.currentTimeMillis() - start < 10_000);

            // An error is one line and the loop carries on.
            tmux.type("ls /nope");
            tmux.press("Enter");
            tmux.await(s -> s.contains("ls: no such file or directory: /nope"), 15_000, "the error line");
            tmux.type("pwd");
            tmux.press("Enter");
            tmux.await(s -> s.contains("\n/dteam/user/l/localuser/data/run1\n"), 15_000, "pwd after an error");

            tmux.press("C-d");
            tmux.awaitExit("Ctrl-D leaves the shell");
        }
        String history = Files.readString(tmp.resolve("home/history"));
        assertTrue(history.contains("sleep 60") && history.contains("cd data/run1/"), history);

        // History is there after a restart: Up brings back the last command.
        try (Tmux tmux = new Tmux("dshell-it2-" + ProcessHandle.current().pid())) {
            startShell(tmux);
            tmux.await(s -> s.contains(PROMPT.trim()), 20_000, "the prompt after restart");
            tmux.press("Up");
            tmux.await(s -> s.contains(PROMPT + "pwd"), 15_000, "Up to recall the last command");
            tmux.press("C-u");
            tmux.type("exit 0");
            tmux.press("Enter");
            // The shell writes its history and closes the catalog on the way out: let it finish
            // before the temporary home is deleted.
            tmux.awaitExit("exit 0 leaves the shell");
        }
    }
}
