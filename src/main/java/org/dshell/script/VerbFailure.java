package org.dshell.script;

import org.dshell.core.DshellException;

/**
 * A verb called from a script failed: carries the verb's one-line error and exit status, so a script
 * can catch it ({@code try { rm(f) } catch (e) { ... }}) and {@code retry} can try again.
 */
public final class VerbFailure extends DshellException {
    private final String verb;

    public VerbFailure(String verb, int status, String error) {
        super(status, verb + ": " + error);
        this.verb = verb;
    }

    public String getVerb() {
        return verb;
    }

    public int getStatus() {
        return exitCode();
    }
}
