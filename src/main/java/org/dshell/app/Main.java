package org.dshell.app;

import java.nio.file.Path;

/** The entry point of the {@code dshell} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean terminal = System.console() != null;
        int status = new Dshell(System.getenv(), Path.of(System.getProperty("user.home")), Path.of(""),
                System.in, System.out, System.err, terminal).run(args);
        System.exit(status);
    }
}
