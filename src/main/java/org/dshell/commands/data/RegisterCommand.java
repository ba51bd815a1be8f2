package org.dshell.commands.data;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.UUID;

import org.dshell.backend.FileCatalog.NewFile;
import org.dshell.backend.StorageElement;
import org.dshell.backend.transfer.ByteCopy;
import org.dshell.commands.LfnArg;
import org.dshell.commands.SeArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Registers bytes that are already on an SE (uploaded by another tool, such as davix-put or gfal):
 * they are read once to learn their size and Adler32, then the file enters the catalog.
 */
@Command(name = "register", description = "Register a file whose bytes are already on an SE (read once for size and Adler32).",
        footer = {"%nThe PFN defaults to the LFN, the layout dshell's own uploads use.",
                "%nExamples:", "  register --se XRD-DISK run1.dat", "  register --se XRD-DISK --pfn /incoming/r1.dat /dteam/data/run1.dat"})
public final class RegisterCommand extends Verb {
    @Option(names = "--se", paramLabel = "SE", required = true, description = "The SE that holds the bytes.")
    SeArg se;

    @Option(names = "--pfn", paramLabel = "PFN", description = "Where the bytes are on the SE (default: the LFN).")
    String pfn;

    @Parameters(paramLabel = "LFN", arity = "1", description = "The catalog name the file gets.")
    LfnArg lfn;

    @Override
    protected int execute() throws IOException {
        StorageElement storage = ctx.grid().storage(se.name());
        LfnPath path = resolve(lfn.raw());
        String physical = pfn == null ? path.toString() : pfn;
        if (catalog().stat(path).isPresent()) {
            throw DshellException.failure("file exists: " + path);
        }
        if (storage.size(physical) < 0) {
            throw DshellException.failure("no bytes at " + physical + " on " + storage.name());
        }
        ByteCopy.Copied read;
        try (ReadableByteChannel in = storage.open(physical)) {
            read = ByteCopy.checksum(in, n -> { });
        }
        catalog().register(List.of(new NewFile(path, read.size(), read.checksum(), UUID.randomUUID().toString().toUpperCase(),
                new Replica(storage.name(), physical, "AprioriGood"))));
        out().println("registered " + path + " (" + read.size() + " bytes, adler32 " + read.checksum() + ") on " + storage.name());
        return 0;
    }
}
