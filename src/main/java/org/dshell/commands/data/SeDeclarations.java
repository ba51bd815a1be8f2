package org.dshell.commands.data;

import java.nio.file.Path;

import org.dshell.config.Settings;
import org.dshell.config.StorageSettings;

/** Shared by se add and se rm. */
final class SeDeclarations {
    private SeDeclarations() {
    }

    /**
     * A settings file that declares no SE gets the two SEs of a fresh home implicitly; before the
     * first declaration is written they are written out, so adding one does not lose them.
     */
    static void keepImplicitDefaults(Settings settings, Path home) {
        if (!settings.withPrefix("se.").isEmpty()) {
            return;
        }
        for (StorageSettings.Declared d : StorageSettings.load(settings, home).elements()) {
            settings.set("se." + d.name() + ".root", home.relativize(d.root()).toString());
        }
        settings.set("se.default", StorageSettings.DISK);
    }
}
