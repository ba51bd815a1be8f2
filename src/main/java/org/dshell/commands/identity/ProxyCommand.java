package org.dshell.commands.identity;

import org.dshell.commands.Verb;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;

/** The proxy verbs: make, show, check and remove the X.509 proxy that is your grid identity. */
@Command(name = "proxy", description = "Make, show, verify or destroy your X.509 proxy (your grid identity).",
        subcommands = {ProxyInitCommand.class, ProxyInfoCommand.class, ProxyVerifyCommand.class, ProxyDestroyCommand.class},
        footer = {"%nExamples:", "  proxy init -g dteam_user", "  proxy info", "  proxy verify", "  proxy destroy"})
public final class ProxyCommand extends Verb {
    @Override
    protected int execute() {
        throw DshellException.usage("missing subcommand: init, info, verify or destroy (see 'proxy --help')");
    }
}
