package org.dshell.backend.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Makes a missing SQLite file of the embedded grid under a private name and links it into place
 * whole. Connections that find an empty file all switch it to WAL at once, and SQLite then fails one
 * of them on the journal another removed ({@code SQLITE_IOERR_DELETE_NOENT}: two commands at once in
 * one daemon with a new home). A link fails rather than replace a file another thread or process made
 * first, which is then used.
 */
final class NewSqliteFile {

    /** Makes a complete database at the path it is given, and closes it. */
    @FunctionalInterface
    interface Maker {
        void make(Path file) throws SQLException, IOException;
    }

    private NewSqliteFile() {
    }

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
