package org.dshell.commands.meta;

import org.dshell.backend.MetadataCatalog;
import org.dshell.commands.Verb;

/** What the {@code meta} subcommands share: the grid's metadata store. */
abstract class MetaVerb extends Verb {

    protected MetadataCatalog metadata() {
        return ctx.grid().metadata();
    }
}
