package org.dshell.backend.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;

/**
 * Maps catalog paths to local paths below a download directory, so that no catalog name, however
 * odd, can lead a download outside it: names that mean something to the local file system
 * ({@code .}, {@code ..}, separators, NUL) are refused, and directories are checked after creation
 * so that a symbolic link cannot lead out either.
 */
public final class LocalTarget {
    private LocalTarget() {
    }

    /** The local path of {@code lfn}, relative to {@code base} (an ancestor of it), below {@code dir}. */
    public static Path below(Path dir, LfnPath base, LfnPath lfn) {
        String relative = base.isRoot() ? lfn.toString().substring(1) : lfn.toString().substring(base.toString().length() + 1);
        Path local = dir;
        for (String segment : relative.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.indexOf('\0') >= 0 || segment.indexOf(java.io.File.separatorChar) >= 0) {
                throw DshellException.failure("refusing a catalog name that is unsafe as a local file name: " + lfn);
            }
            local = local.resolve(segment);
        }
        Path normal = local.normalize();
        if (!normal.startsWith(dir) || normal.equals(dir)) {
            throw DshellException.failure("refusing to write outside " + dir + ": " + lfn);
        }
        return normal;
    }

    /** Creates {@code local} (a directory below {@code dir}) and checks it really lies inside {@code realDir}. */
    public static void createDirectories(Path realDir, Path dir, Path local) throws IOException {
        Files.createDirectories(local);
        if (!local.toRealPath().startsWith(realDir)) {
            throw DshellException.failure("refusing to write outside " + dir + ": " + local + " leads elsewhere");
        }
    }
}
