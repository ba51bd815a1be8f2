package org.dshell.commands.data;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.dshell.backend.StorageElement;
import org.dshell.commands.LfnArg;
import org.dshell.commands.SeArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Removes the replicas of files on one SE: the catalog record first, then the bytes. */
@Command(name = "rmreplica", description = "Remove the replicas of catalog files on one SE.",
        footer = {"%nThe last replica of a file stays unless --force is given.",
                "%nExamples:", "  rmreplica --se LOCAL-BACKUP run1.dat", "  rmreplica --se LOCAL-DISK 'run*'"})
public final class RmreplicaCommand extends Verb {
    @Option(names = "--se", paramLabel = "SE", required = true, description = "The SE to remove replicas from.")
    SeArg se;

    @Option(names = "--force", description = "Also remove a file's last replica (the file stays, without bytes).")
    boolean force;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel removals (default: 'set jobs', 4).")
    Integer jobs;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Parameters(paramLabel = "LFN", arity = "1..*")
    List<LfnArg> lfns;

    @Override
    protected int execute() {
        int parallel = BulkRunner.jobs(jobs, ctx);
        StorageElement target = DataFiles.writableStorage(ctx.grid(), se.name());
        List<BulkRunner.Item> items = new ArrayList<>();
        for (LfnPath lfn : expandAll(lfns)) {
            items.add(new BulkRunner.Item() {
                @Override
                public String name() {
                    return lfn.toString();
                }

                @Override
                public long bytes() {
                    return 0;
                }

                @Override
                public BulkRunner.Outcome run(LongConsumer meter) {
                    List<Replica> replicas = catalog().replicas(lfn);
                    Replica replica = replicas.stream().filter(r -> r.se().equals(target.name())).findFirst()
                            .orElseThrow(() -> DshellException.failure("no replica on " + target.name()));
                    if (replicas.size() == 1 && !force) {
                        throw DshellException.failure("refusing to remove the last replica (use --force)");
                    }
                    catalog().removeReplica(lfn, target.name());
                    DataFiles.deleteBytes(ctx.grid(), List.of(replica), ctx.err());
                    return BulkRunner.Outcome.DONE;
                }
            });
        }
        return BulkRunner.report(ctx, BulkRunner.run(ctx, "rmreplica", parallel, items), json(json));
    }
}
