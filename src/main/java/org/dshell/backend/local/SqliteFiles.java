package org.dshell.backend.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * What every SQLite file of the embedded grid (catalog, jobs, productions) needs before and when it is
 * opened: its directory, SQLite's native library, the file itself made whole when missing, and the
 * connection settings that let several dshell processes share it.
 */
final class SqliteFiles {

    /** Makes a complete database at the path it is given, and closes it. */
    @FunctionalInterface
    interface Maker {
        void make(Path file) throws SQLException, IOException;
    }

    private SqliteFiles() {
    }

    /** Makes {@code file}'s directory and, when the file is missing, the file with {@code maker}. */
    static void prepare(Path file, Maker maker) throws SQLException, IOException {
        Files.createDirectories(file.getParent());
        SqliteNativeLibrary.prepare(file.getParent());
        createIfMissing(file, maker);
    }

    /** WAL, so that processes share the file; writers queue on a busy timeout rather than fail. */
    static Properties sharedProperties() {
        Properties properties = new Properties();
        properties.setProperty("journal_mode", "WAL");
        properties.setProperty("synchronous", "NORMAL");
        properties.setProperty("busy_timeout", "60000");
        return properties;
    }

    /**
     * Makes a missing file under a private name and links it into place whole. Connections that find
     * an empty file all switch it to WAL at once, and SQLite then fails one of them on the journal
     * another removed ({@code SQLITE_IOERR_DELETE_NOENT}: two commands at once in one daemon with a new
     * home). A link fails rather than replace a file another thread or process made first, which is
     * then used.
     */
    static void createIfMissing(Path file, Maker maker) throws SQLException, IOException {
        if (Files.exists(file)) {
            return;
        }
        Path made = file.resolveSibling("." + file.getFileName() + ".new-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId());
        try {
            maker.make(made); // closing its last connection folds the WAL back into the file
            try {
                Files.createLink(file, made);
            } catch (FileAlreadyExistsException someoneElse) {
                // theirs is as good as ours
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (!Files.exists(file)) {
                    Files.move(made, file); // no hard links here: the small window is the file system's
                }
            }
        } finally {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                Files.deleteIfExists(made.resolveSibling(made.getFileName() + suffix));
            }
        }
    }
}
