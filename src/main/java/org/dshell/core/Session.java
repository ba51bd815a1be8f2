package org.dshell.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state one dshell process keeps between commands: where you are in the catalog and locally,
 * shell options set with {@code set}, and the last error for {@code trace}.
 */
public final class Session {
    private volatile LfnPath home;
    private LfnPath cwd;
    private LfnPath previous;
    private Path localCwd;
    private Throwable lastError;
    private final Map<String, String> options = new TreeMap<>();

    public Session(LfnPath home, Path localCwd) {
        this.home = home;
        this.cwd = home;
        this.previous = home;
        this.localCwd = localCwd.toAbsolutePath().normalize();
        options.put("format", "table");
        options.put("jobs", "4");
        options.put("debug", "off");
    }

    public LfnPath home() {
        return home;
    }

    /**
     * Moves home (the identity changed, e.g. after {@code proxy init}). Who was at home stays at home;
     * any other working directory stays where it is.
     */
    public synchronized void changeHome(LfnPath newHome) {
        if (cwd.equals(home)) {
            cwd = newHome;
        }
        home = newHome;
    }

    public synchronized LfnPath cwd() {
        return cwd;
    }

    public synchronized LfnPath previous() {
        return previous;
    }

    public synchronized void changeDirectory(LfnPath target) {
        previous = cwd;
        cwd = target;
    }

    public synchronized Path localCwd() {
        return localCwd;
    }

    public synchronized void changeLocalDirectory(Path target) {
        localCwd = target.toAbsolutePath().normalize();
    }

    /** Resolves a local path argument against the local working directory ({@code lcd}), expanding {@code ~}. */
    public Path localPath(String arg) {
        if (arg.equals("~") || arg.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + arg.substring(1));
        }
        return localCwd().resolve(arg).normalize();
    }

    public synchronized Throwable lastError() {
        return lastError;
    }

    public synchronized void recordError(Throwable error) {
        lastError = error;
    }

    public synchronized Map<String, String> options() {
        return new TreeMap<>(options);
    }

    public synchronized String option(String name) {
        return options.get(name);
    }

    public synchronized void setOption(String name, String value) {
        options.put(name, value);
    }

    /** {@code set format json} makes every verb print JSON as if given {@code --json}. */
    public boolean jsonByDefault() {
        return "json".equals(option("format"));
    }
}
