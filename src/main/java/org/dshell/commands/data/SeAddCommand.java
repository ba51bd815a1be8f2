package org.dshell.commands.data;

import java.nio.file.Path;

import org.dshell.commands.Verb;
import org.dshell.config.Settings;
import org.dshell.config.StorageSettings;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Declares an SE in dshell.properties: a WebDAV server by URL, or a local directory. */
@Command(name = "add", description = "Declare a storage element: a WebDAV server (davs:// or https:// URL) or a local directory.",
        footer = {"%nExamples:", "  se add XRD-DISK davs://xrootd.example.org:1094/dteam",
                "  se add SCRATCH /data/scratch/se", "  se add --read-only --default CERN-EOS https://eos.example.org:8443/eos/dteam"})
public final class SeAddCommand extends Verb {
    @Parameters(index = "0", paramLabel = "NAME", description = "The SE's name: letters, digits, '_', '-', '.'.")
    String name;

    @Parameters(index = "1", paramLabel = "URL|DIR", description = "davs://host:port/path, https://host:port/path, or a local directory.")
    String location;

    @Option(names = "--read-only", description = "Replicas may be read from it, never written (se.NAME.write = false).")
    boolean readOnly;

    @Option(names = "--default", description = "Make it the SE put writes to without --se (se.default).")
    boolean makeDefault;

    @Override
    protected int execute() {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw DshellException.usage("SE names are letters, digits, '_', '-', '.', not '" + name + "'");
        }
        if (ctx.grid().storageElements().stream().anyMatch(se -> se.name().equals(name))) {
            throw DshellException.usage("SE " + name + " exists already (se rm " + name + " first)");
        }
        Settings settings = ctx.settings();
        SeDeclarations.keepImplicitDefaults(settings, ctx.home().root());
        String prefix = "se." + name + ".";
        if (location.contains("://")) {
            StorageSettings.checkWebDavUrl(location);
            settings.set(prefix + "url", location.strip());
        } else {
            Path dir = ctx.session().localPath(location).toAbsolutePath().normalize();
            settings.set(prefix + "root", dir.toString());
        }
        settings.set(prefix + "read", "true");
        settings.set(prefix + "write", Boolean.toString(!readOnly));
        if (makeDefault) {
            settings.set("se.default", name);
        }
        StorageSettings declared = StorageSettings.load(settings, ctx.home().root());
        settings.save();
        ctx.grid().redeclareStorage(declared);
        out().println("added SE " + name + " (" + (location.contains("://") ? "webdav" : "dir") + ") to " + settings.file());
        return 0;
    }
}
