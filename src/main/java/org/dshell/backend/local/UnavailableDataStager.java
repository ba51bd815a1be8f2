package org.dshell.backend.local;

import java.nio.file.Path;
import java.util.List;

import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;

/** Stands in until the embedded grid has storage elements: every transfer fails with a clear reason. */
final class UnavailableDataStager implements JobDataStager {

    @Override
    public void download(List<LfnPath> lfns, Path workDir) {
        throw DshellException.failure("cannot download " + lfns.get(0) + ": data transfers are not available yet on the embedded grid");
    }

    @Override
    public void upload(List<Path> files, LfnPath outputDirectory, List<String> storageElements) {
        throw DshellException.failure("cannot upload " + files.get(0).getFileName() + " to " + outputDirectory
                + ": data transfers are not available yet on the embedded grid");
    }

    @Override
    public void checkStorageElement(String name) {
        // No storage elements to compare with yet; the real stager refuses unknown names.
    }
}
