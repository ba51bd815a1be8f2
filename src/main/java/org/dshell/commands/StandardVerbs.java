package org.dshell.commands;

import org.dshell.commands.catalog.CdCommand;
import org.dshell.commands.catalog.ChgrpCommand;
import org.dshell.commands.catalog.ChmodCommand;
import org.dshell.commands.catalog.ChownCommand;
import org.dshell.commands.catalog.DuCommand;
import org.dshell.commands.catalog.FindCommand;
import org.dshell.commands.catalog.LsCommand;
import org.dshell.commands.catalog.MkdirCommand;
import org.dshell.commands.catalog.MvCommand;
import org.dshell.commands.catalog.PwdCommand;
import org.dshell.commands.catalog.RmdirCommand;
import org.dshell.commands.catalog.StatCommand;
import org.dshell.commands.identity.ProxyCommand;
import org.dshell.commands.identity.WhoamiCommand;
import org.dshell.commands.jobs.DeleteCommand;
import org.dshell.commands.jobs.KillCommand;
import org.dshell.commands.jobs.LogCommand;
import org.dshell.commands.jobs.OutputCommand;
import org.dshell.commands.jobs.PeekCommand;
import org.dshell.commands.jobs.RescheduleCommand;
import org.dshell.commands.jobs.StatusCommand;
import org.dshell.commands.jobs.SubmitCommand;
import org.dshell.commands.data.CatCommand;
import org.dshell.commands.data.FsckCommand;
import org.dshell.commands.data.GetCommand;
import org.dshell.commands.data.PutCommand;
import org.dshell.commands.data.ReplicasCommand;
import org.dshell.commands.data.ReplicateCommand;
import org.dshell.commands.data.RmCommand;
import org.dshell.commands.data.RmreplicaCommand;
import org.dshell.commands.data.RegisterCommand;
import org.dshell.commands.data.SeCommand;
import org.dshell.commands.meta.MetaCommand;
import org.dshell.commands.scripting.EvalCommand;
import org.dshell.commands.scripting.GroovyCommand;
import org.dshell.commands.scripting.RunCommand;
import org.dshell.commands.production.ProductionCommand;
import org.dshell.commands.shellverbs.EchoCommand;
import org.dshell.commands.shellverbs.ExitCommand;
import org.dshell.commands.shellverbs.HelpCommand;
import org.dshell.commands.shellverbs.HistoryCommand;
import org.dshell.commands.shellverbs.LcdCommand;
import org.dshell.commands.shellverbs.LlsCommand;
import org.dshell.commands.shellverbs.LocalShellCommand;
import org.dshell.commands.shellverbs.LpwdCommand;
import org.dshell.commands.shellverbs.SetCommand;
import org.dshell.commands.shellverbs.SleepCommand;
import org.dshell.commands.shellverbs.TraceCommand;

/** The verbs of dshell, by theme, in the order {@code help} lists them. */
public final class StandardVerbs {
    private StandardVerbs() {
    }

    public static VerbRegistry create() {
        return new VerbRegistry()
                .add("Catalog", PwdCommand.class, PwdCommand::new)
                .add("Catalog", CdCommand.class, CdCommand::new)
                .add("Catalog", LsCommand.class, LsCommand::new)
                .add("Catalog", StatCommand.class, StatCommand::new)
                .add("Catalog", MkdirCommand.class, MkdirCommand::new)
                .add("Catalog", RmdirCommand.class, RmdirCommand::new)
                .add("Catalog", MvCommand.class, MvCommand::new)
                .add("Catalog", DuCommand.class, DuCommand::new)
                .add("Catalog", ChmodCommand.class, ChmodCommand::new)
                .add("Catalog", ChownCommand.class, ChownCommand::new)
                .add("Catalog", ChgrpCommand.class, ChgrpCommand::new)
                .add("Jobs", SubmitCommand.class, SubmitCommand::new)
                .add("Jobs", StatusCommand.class, StatusCommand::new)
                .add("Jobs", KillCommand.class, KillCommand::new)
                .add("Jobs", DeleteCommand.class, DeleteCommand::new)
                .add("Jobs", RescheduleCommand.class, RescheduleCommand::new)
                .add("Jobs", OutputCommand.class, OutputCommand::new)
                .add("Jobs", LogCommand.class, LogCommand::new)
                .add("Jobs", PeekCommand.class, PeekCommand::new)
                .add("Jobs", ProductionCommand.class, ProductionCommand::new)
                .add("Data", PutCommand.class, PutCommand::new)
                .add("Data", GetCommand.class, GetCommand::new)
                .add("Data", CatCommand.class, CatCommand::new)
                .add("Data", RmCommand.class, RmCommand::new)
                .add("Data", ReplicasCommand.class, ReplicasCommand::new)
                .add("Data", ReplicateCommand.class, ReplicateCommand::new)
                .add("Data", RmreplicaCommand.class, RmreplicaCommand::new)
                .add("Data", SeCommand.class, SeCommand::new)
                .add("Data", RegisterCommand.class, RegisterCommand::new)
                .add("Data", FsckCommand.class, FsckCommand::new)
                .add("Metadata", MetaCommand.class, MetaCommand::new)
                .add("Metadata", FindCommand.class, FindCommand::new)
                .add("Identity", WhoamiCommand.class, WhoamiCommand::new)
                .add("Identity", ProxyCommand.class, ProxyCommand::new)
                .add("Local files", LpwdCommand.class, LpwdCommand::new)
                .add("Local files", LcdCommand.class, LcdCommand::new)
                .add("Local files", LlsCommand.class, LlsCommand::new)
                .add("Local files", LocalShellCommand.class, LocalShellCommand::new)
                .add("Scripting", RunCommand.class, RunCommand::new)
                .add("Scripting", EvalCommand.class, EvalCommand::new)
                .add("Scripting", GroovyCommand.class, GroovyCommand::new)
                .add("Shell", HelpCommand.class, HelpCommand::new)
                .add("Shell", EchoCommand.class, EchoCommand::new)
                .add("Shell", SetCommand.class, SetCommand::new)
                .add("Shell", HistoryCommand.class, HistoryCommand::new)
                .add("Shell", TraceCommand.class, TraceCommand::new)
                .add("Shell", SleepCommand.class, SleepCommand::new)
                .add("Shell", ExitCommand.class, ExitCommand::new);
    }
}
