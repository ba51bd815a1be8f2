package org.dshell.commands.production;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.backend.ProductionManager;
import org.dshell.commands.ProductionIdArg;
import org.dshell.commands.ProductionStepArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.production.ProductionParser;
import org.dshell.core.production.ProductionSpec;

/** What the {@code production} subcommands share: the grid's production manager and reading YAML files. */
abstract class ProductionVerb extends Verb {

    protected ProductionManager productions() {
        return ctx.grid().productions();
    }

    /** Reads and checks a production file, relative to the local working directory. */
    protected ProductionSpec read(String file) {
        Path path = ctx.session().localPath(file);
        if (!Files.isRegularFile(path)) {
            throw DshellException.usage("no such file: " + path);
        }
        return ProductionParser.parseFile(path, ctx.grid().metadata().lookup());
    }

    protected String text(String file) {
        try {
            return Files.readString(ctx.session().localPath(file));
        } catch (java.io.IOException e) {
            throw DshellException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    protected static long id(ProductionIdArg arg) {
        try {
            return Long.parseLong(arg.raw());
        } catch (NumberFormatException e) {
            throw DshellException.usage("not a production id: " + arg.raw());
        }
    }

    protected static String step(ProductionStepArg arg) {
        return arg == null ? null : arg.raw();
    }
}
