package org.dshell.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.dshell.core.DshellException;

/** The state directory, {@code $DSHELL_HOME} or {@code ~/.dshell}, created with default settings on first start. */
public final class DshellHome {
    private final Path root;

    private DshellHome(Path root) {
        this.root = root;
    }

    public static DshellHome resolve(Map<String, String> env, Path userHome) {
        String configured = env.get("DSHELL_HOME");
        Path root = configured == null || configured.isBlank() ? userHome.resolve(".dshell") : Path.of(configured);
        DshellHome home = new DshellHome(root.toAbsolutePath().normalize());
        home.create();
        return home;
    }

    private void create() {
        try {
            Files.createDirectories(root.resolve("local"));
            Path settings = settingsFile();
            if (!Files.exists(settings)) {
                Files.writeString(settings, DEFAULT_SETTINGS, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw DshellException.failure("cannot create dshell home " + root + ": " + e.getMessage());
        }
    }

    public Path root() {
        return root;
    }

    public Path settingsFile() {
        return root.resolve(Settings.FILE_NAME);
    }

    public Path historyFile() {
        return root.resolve("history");
    }

    /** Where the embedded grid keeps its catalog, storage elements and jobs. */
    public Path localGrid() {
        return root.resolve("local");
    }

    private static final String DEFAULT_SETTINGS = """
            # dshell settings. Lines are key = value; see README.md, section Configuration.
            # The virtual organisation; your home is /<vo>/user/<initial>/<user>.
            vo = dteam
            # The DIRAC group used without a proxy, and by 'proxy init' without -g (default: <vo>_user).
            #group = dteam_user
            # Your user name: who you are without a proxy (default: the local login name); with a
            # proxy, the name of your home (default: from the DN's first CN). See docs/identity.md.
            #user = localuser

            # Storage elements: directories that hold the bytes of replicas (a relative root is
            # below this home). read/write say what dshell may do there; quota (e.g. 10G) is optional;
            # fsync = false skips flushing new bytes to disk before publishing them (faster; a killed
            # dshell still loses nothing, a power cut may).
            se.LOCAL-DISK.root = local/se/LOCAL-DISK
            se.LOCAL-DISK.read = true
            se.LOCAL-DISK.write = true
            se.LOCAL-BACKUP.root = local/se/LOCAL-BACKUP
            se.LOCAL-BACKUP.read = true
            se.LOCAL-BACKUP.write = true
            # Where put and replicate send bytes when no --se is given.
            se.default = LOCAL-DISK
            """;
}
