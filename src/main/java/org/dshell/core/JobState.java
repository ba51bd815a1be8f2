package org.dshell.core;

import com.fasterxml.jackson.annotation.JsonValue;

/** DIRAC's job states, with its names; Done, Completed, Failed, Killed and Deleted are final. */
public enum JobState {
    SUBMITTING("Submitting"), RECEIVED("Received"), CHECKING("Checking"), WAITING("Waiting"), MATCHED("Matched"),
    RUNNING("Running"), STALLED("Stalled"), COMPLETING("Completing"), DONE("Done"), COMPLETED("Completed"),
    FAILED("Failed"), KILLED("Killed"), DELETED("Deleted");

    private final String diracName;

    JobState(String diracName) {
        this.diracName = diracName;
    }

    /** The name DIRAC shows, e.g. {@code Running}; also its JSON form. */
    @JsonValue
    public String diracName() {
        return diracName;
    }

    public boolean isFinal() {
        return this == DONE || this == COMPLETED || this == FAILED || this == KILLED || this == DELETED;
    }

    /** Reads a state name in any case ({@code done}, {@code Done}). */
    public static JobState parse(String name) {
        for (JobState state : values()) {
            if (state.diracName.equalsIgnoreCase(name.strip())) {
                return state;
            }
        }
        throw DshellException.usage("unknown job state '" + name + "' (one of Received, Waiting, Running, Completing, Done, Failed, Killed, Deleted, ...)");
    }

    @Override
    public String toString() {
        return diracName;
    }
}
