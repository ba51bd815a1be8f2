package org.dshell.core.completion;

/**
 * One completion proposal, as JLine's Candidate has it. {@code complete = false} (directories)
 * means no space is added after it, so the user can keep typing below it.
 */
public record Candidate(String value, String display, String group, String description, boolean complete) {

    public static Candidate of(String value) {
        return new Candidate(value, value, null, null, true);
    }
}
