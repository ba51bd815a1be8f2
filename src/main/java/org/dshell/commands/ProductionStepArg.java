package org.dshell.commands;

/**
 * A step id argument as typed. Its type tells the completer to offer the steps of the production whose
 * id the same command line names.
 */
public record ProductionStepArg(String raw) {
    @Override
    public String toString() {
        return raw;
    }
}
