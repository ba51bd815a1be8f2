package org.dshell.backend.local;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.FileCatalog.NewFile;
import org.dshell.backend.Grid;
import org.dshell.backend.StorageElement;
import org.dshell.backend.transfer.ByteCopy;
import org.dshell.backend.transfer.LocalTarget;
import org.dshell.backend.transfer.LocalTempFile;
import org.dshell.backend.transfer.PublishedCopy;
import org.dshell.backend.transfer.ReplicaReader;
import org.dshell.backend.transfer.TransferErrors;
import org.dshell.core.CatalogEntry;
import org.dshell.core.Checksums;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;

/**
 * Stages a job's data through a grid's file catalog and storage elements, with the transfer code the
 * data verbs use: downloads are verified against the catalog while they stream into a temporary file
 * that is renamed only when the bytes matched; uploads publish the bytes, read them back, and only
 * then register them, all of a job's outputs in one catalog transaction.
 */
final class GridDataStager implements JobDataStager {
    private final Grid grid;

    GridDataStager(Grid grid) {
        this.grid = grid;
    }

    @Override
    public void download(List<LfnPath> lfns, Path workDir) {
        FileCatalog catalog = grid.catalog();
        Set<String> names = new HashSet<>();
        List<CatalogEntry> entries = new ArrayList<>();
        for (LfnPath lfn : lfns) {
            CatalogEntry entry = catalog.require(lfn);
            if (entry.isDirectory()) {
                throw DshellException.failure("is a directory, not a file: " + lfn);
            }
            if (!names.add(lfn.name())) {
                throw DshellException.failure("two input files are named " + lfn.name() + " (" + lfn + ")");
            }
            if (Files.exists(LocalTarget.below(workDir, lfn.parent(), lfn))) {
                throw DshellException.failure("cannot download " + lfn + ": the job's directory already holds a file "
                        + lfn.name() + " (from the input sandbox?)");
            }
            entries.add(entry);
        }
        for (CatalogEntry entry : entries) {
            Path local = LocalTarget.below(workDir, entry.path().parent(), entry.path());
            try {
                ReplicaReader.copy(grid, entry, catalog.replicas(entry.path()), () -> new LocalTempFile(local, false),
                        n -> { }, warning -> { });
            } catch (DshellException e) {
                throw e;
            } catch (IOException e) {
                throw DshellException.failure("cannot download " + entry.path() + ": " + TransferErrors.reason(e), e);
            }
        }
    }

    @Override
    public void upload(List<Path> files, LfnPath outputDirectory, List<String> storageElements) {
        List<StorageElement> targets = storageElements.isEmpty() ? List.of(grid.defaultStorage())
                : storageElements.stream().map(grid::storage).toList();
        FileCatalog catalog = grid.catalog();
        catalog.mkdir(outputDirectory, true);
        Set<String> names = new HashSet<>();
        for (Path file : files) {
            LfnPath lfn = outputDirectory.child(file.getFileName().toString());
            if (!names.add(lfn.name())) {
                throw DshellException.failure("two output files are named " + lfn.name());
            }
            if (catalog.stat(lfn).isPresent()) {
                throw DshellException.failure("cannot upload " + file.getFileName() + ": " + lfn + " exists in the catalog");
            }
        }
        List<PublishedCopy> copies = new ArrayList<>();
        try {
            for (Path file : files) {
                copies.add(publish(file, outputDirectory.child(file.getFileName().toString()), targets));
            }
            catalog.register(copies.stream().map(PublishedCopy::file).toList());
            for (PublishedCopy copy : copies) {
                copy.release();
            }
        } catch (IOException e) {
            throw DshellException.failure("cannot upload output data: " + TransferErrors.reason(e), e);
        } finally {
            copies.forEach(PublishedCopy::close);
        }
    }

    /** Publishes one file on the first SE that takes it and gives the same bytes back. */
    private static PublishedCopy publish(Path file, LfnPath lfn, List<StorageElement> targets) {
        List<String> problems = new ArrayList<>();
        for (StorageElement se : targets) {
            try {
                long size = Files.size(file);
                if (!se.writable()) {
                    problems.add(se.name() + ": SE is read-only");
                    continue;
                }
                if (size > se.freeSpace()) {
                    problems.add(se.name() + ": no space left");
                    continue;
                }
                PublishedCopy copy = PublishedCopy.write(file, lfn, se, n -> { });
                String problem;
                try {
                    problem = verify(se, copy.file(), size);
                } catch (IOException | RuntimeException e) {
                    copy.close();
                    throw e;
                }
                if (problem == null) {
                    return copy;
                }
                copy.close();
                problems.add(se.name() + ": " + problem);
            } catch (IOException | DshellException e) {
                problems.add(se.name() + ": " + TransferErrors.reason(e));
            }
        }
        throw DshellException.failure("cannot upload " + file.getFileName() + " to " + lfn + " (" + String.join("; ", problems) + ")");
    }

    /** Null when the SE holds exactly the bytes that were sent, else what differs. */
    private static String verify(StorageElement se, NewFile file, long localSize) throws IOException {
        if (file.size() != localSize) {
            return "the file changed while it was uploaded (" + file.size() + " bytes sent, " + localSize + " expected)";
        }
        ByteCopy.Copied stored;
        try (ReadableByteChannel in = se.open(file.replica().pfn())) {
            stored = ByteCopy.checksum(in, n -> { });
        }
        if (stored.size() != file.size()) {
            return "size " + stored.size() + " on the SE != " + file.size() + " sent";
        }
        if (!Checksums.same(stored.checksum(), file.checksum())) {
            return "checksum " + stored.checksum() + " on the SE != " + file.checksum() + " sent";
        }
        return null;
    }

    @Override
    public void checkStorageElement(String name) {
        grid.storage(name);
    }
}
