package org.dshell.backend.production;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Adler32;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.Grid;
import org.dshell.backend.StorageElement;
import org.dshell.core.Checksums;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.meta.MetaAssignment;
import org.dshell.core.meta.MetaFieldLookup;

/**
 * Moves a task's data without the WMS's data stager: input files are read from their replicas into the
 * job's input sandbox, and declared outputs come back in its output sandbox, then are uploaded to the
 * step's SE and registered with the step's output metadata, verified as {@code put} does. This keeps
 * productions independent of the jobs' InputData/OutputData handling.
 */
final class TaskData {
    private final Grid grid;

    TaskData(Grid grid) {
        this.grid = grid;
    }

    /** Copies each input file into {@code directory} under its own name; a file that cannot be read is named in the error. */
    List<Path> stage(List<String> lfns, Path directory) {
        List<Path> staged = new ArrayList<>();
        for (String lfn : lfns) {
            LfnPath path = LfnPath.of(lfn);
            Path target = directory.resolve(path.name());
            try {
                copy(path, target);
            } catch (IOException | RuntimeException e) {
                throw new StagingFailed(lfn, e.getMessage());
            }
            staged.add(target);
        }
        return staged;
    }

    private void copy(LfnPath lfn, Path target) throws IOException {
        IOException last = null;
        for (Replica replica : grid.catalog().replicas(lfn)) {
            StorageElement se = grid.storage(replica.se());
            if (!se.readable()) {
                continue;
            }
            try (ReadableByteChannel in = se.open(replica.pfn()); InputStream stream = Channels.newInputStream(in)) {
                Files.copy(stream, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no readable replica");
    }

    /** An input file whose bytes could not be read: it becomes Problematic. */
    static final class StagingFailed extends RuntimeException {
        final String lfn;

        StagingFailed(String lfn, String why) {
            super("cannot read input " + lfn + ": " + why);
            this.lfn = lfn;
        }
    }

    /**
     * Uploads the files of {@code sandbox} matching the output patterns to {@code se} (the default SE when
     * blank), registers them in {@code directory} and sets {@code metadata} on them. Every pattern must
     * match a file. A file already registered there (an engine stopped half way) only gets its metadata.
     */
    List<LfnPath> collect(List<Path> sandbox, List<String> patterns, LfnPath directory, String se, Map<String, Object> metadata) {
        List<Path> outputs = new ArrayList<>();
        for (String pattern : patterns) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<Path> matched = sandbox.stream().filter(p -> matcher.matches(p.getFileName())).sorted().toList();
            if (matched.isEmpty()) {
                throw DshellException.failure("the job left no output matching " + pattern);
            }
            matched.stream().filter(p -> !outputs.contains(p)).forEach(outputs::add);
        }
        if (outputs.isEmpty()) {
            return List.of();
        }
        FileCatalog catalog = grid.catalog();
        catalog.mkdir(directory, true);
        StorageElement target = se.isBlank() ? grid.defaultStorage() : grid.storage(se);
        MetaFieldLookup lookup = grid.metadata().lookup();
        List<MetaAssignment> assignments = metadata.entrySet().stream()
                .map(e -> new MetaAssignment(lookup.find(e.getKey()).orElseThrow(
                        () -> DshellException.failure("metadata field " + e.getKey() + " is gone")), e.getValue()))
                .toList();
        List<LfnPath> lfns = new ArrayList<>();
        List<LfnPath> existing = new ArrayList<>();
        List<FileCatalog.NewFile> files = new ArrayList<>();
        List<StorageElement.Upload> uploads = new ArrayList<>();
        try {
            for (Path output : outputs) {
                LfnPath lfn = directory.resolve(output.getFileName().toString());
                lfns.add(lfn);
                if (catalog.stat(lfn).isPresent()) {
                    existing.add(lfn);
                    continue;
                }
                StorageElement.Upload upload = target.upload(lfn);
                uploads.add(upload);
                Adler32 adler = new Adler32();
                long size = 0;
                // The upload's channel stays open: publish needs it.
                try (InputStream in = Files.newInputStream(output)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        adler.update(buffer, 0, n);
                        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                        while (bytes.hasRemaining()) {
                            upload.channel().write(bytes);
                        }
                        size += n;
                    }
                }
                String pfn = upload.publish();
                files.add(new FileCatalog.NewFile(lfn, size, Checksums.adler32Hex(adler), UUID.randomUUID().toString().toUpperCase(),
                        new Replica(target.name(), pfn, "AprioriGood")));
            }
            long t = System.nanoTime();
            if (!files.isEmpty()) {
                grid.metadata().registerWithMetadata(files, assignments);
            }
            Timing.add("    collect: registerWithMetadata", t);
            for (StorageElement.Upload upload : uploads) {
                upload.release();
            }
            if (!existing.isEmpty() && !assignments.isEmpty()) {
                grid.metadata().set(existing, assignments);
            }
            return lfns;
        } catch (IOException e) {
            throw DshellException.failure("cannot upload outputs to " + target.name() + ": " + e.getMessage(), e);
        } finally {
            uploads.forEach(StorageElement.Upload::close);
        }
    }
}
