package org.dshell.backend.local;

import java.nio.file.Path;
import java.util.List;

import org.dshell.backend.Grid;
import org.dshell.core.LfnPath;

/**
 * Moves a job's data between the grid and its working directory: InputData before the job runs,
 * OutputData after it succeeded. The job agent calls it as the job's owner; failures are
 * DshellExceptions whose one-line message becomes the job's application status.
 */
public interface JobDataStager {

    /** Downloads the files into {@code workDir} under their own names, checksums verified. */
    void download(List<LfnPath> lfns, Path workDir);

    /**
     * Uploads files to the first storage element of {@code storageElements} that takes them (the
     * default SE when empty) and registers them under {@code outputDirectory}, verified as {@code put} does.
     */
    void upload(List<Path> files, LfnPath outputDirectory, List<String> storageElements);

    /** Refuses, as a usage error, a storage element name the grid does not know. */
    void checkStorageElement(String name);

    /** The stager for a grid acting as one identity: its file catalog and storage elements. */
    static JobDataStager forGrid(Grid grid) {
        return new GridDataStager(grid);
    }
}
