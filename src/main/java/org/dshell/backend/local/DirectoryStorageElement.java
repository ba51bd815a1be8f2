package org.dshell.backend.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.dshell.backend.StorageElement;
import org.dshell.backend.transfer.SyncedFileChannel;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;

/**
 * A storage element in a local directory. The PFN of a replica is its LFN path below the root, as
 * DIRAC lays out SEs. An upload writes {@code .<name>.dshell-tmp-<random>} next to its target, fsyncs
 * it, publishes it with a hard link under the final name, and removes the temporary name only once
 * the replica is registered: the temporary name is the upload's journal, so a crash at any moment
 * leaves either nothing visible, or bytes the catalog knows, or a journal that names what to undo.
 */
public final class DirectoryStorageElement implements StorageElement {
    static final String TEMP_MARK = ".dshell-tmp-";
    private static final Pattern TEMP_NAME = Pattern.compile("^\\..*\\.dshell-tmp-[0-9a-f]{16}$");
    private static final int MAX_NAME_IN_TEMP = 200;

    private final String name;
    private final Path root;
    private final boolean readable;
    private final boolean writable;
    private final long quota;
    private final boolean fsync;
    /** Directories this SE created or saw, so a bulk upload does not stat them once per file. */
    private final java.util.Set<Path> knownDirectories = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param quota the most bytes this SE may hold, or -1 for the file system's free space
     * @param fsync whether new bytes are flushed to the disk before they are published (survives power loss,
     *              not only a killed process)
     */
    public DirectoryStorageElement(String name, Path root, boolean readable, boolean writable, long quota, boolean fsync) {
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
        this.readable = readable;
        this.writable = writable;
        this.quota = quota;
        this.fsync = fsync;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean readable() {
        return readable;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public String location() {
        return root.toString();
    }

    public Path root() {
        return root;
    }

    /** Whether a file name is one of the temporary names uploads write. */
    public static boolean isTemporaryName(String fileName) {
        return TEMP_NAME.matcher(fileName).matches();
    }

    /** The file of a PFN; a PFN that would lead outside the root is refused. */
    Path file(String pfn) {
        if (pfn == null || !pfn.startsWith("/")) {
            throw DshellException.failure("bad PFN on " + name + ": '" + pfn + "'");
        }
        Path file = root;
        for (String segment : pfn.substring(1).split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0) {
                throw DshellException.failure("bad PFN on " + name + ": '" + pfn + "'");
            }
            file = file.resolve(segment);
        }
        return file;
    }

    private String pfnOf(Path file) {
        return "/" + root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    @Override
    public Upload upload(LfnPath lfn) throws IOException {
        if (lfn.isRoot()) {
            throw DshellException.usage("cannot store bytes for /");
        }
        Path target = file(lfn.toString());
        if (!knownDirectories.contains(target.getParent())) {
            Files.createDirectories(target.getParent());
            knownDirectories.add(target.getParent());
        }
        String base = lfn.name().length() > MAX_NAME_IN_TEMP ? lfn.name().substring(0, MAX_NAME_IN_TEMP) : lfn.name();
        Path temp = target.resolveSibling("." + base + TEMP_MARK + randomHex(8));
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(target.getParent()); // removed meanwhile (pruned by a delete)
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        return new DirectoryUpload(target, temp, channel, fsync ? new SyncedFileChannel(temp, channel) : null);
    }

    /** Uniqueness, not secrecy: CREATE_NEW and link never clobber, so a fast non-blocking source is enough. */
    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** See the class comment: write temp, fsync, link under a free name, unlink temp after registration. */
    private final class DirectoryUpload implements Upload {
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        /** With fsync on: the channel writes go through, flushing big files while they are written. */
        private final SyncedFileChannel flushing;
        private Path published;
        private boolean released;

        DirectoryUpload(Path target, Path temp, FileChannel channel, SyncedFileChannel flushing) {
            this.target = target;
            this.temp = temp;
            this.channel = channel;
            this.flushing = flushing;
        }

        @Override
        public WritableByteChannel channel() {
            return flushing != null ? flushing : channel;
        }

        @Override
        public String publish() throws IOException {
            if (flushing != null) {
                flushing.force(); // fdatasync: the data and the size, not the times
            }
            closeChannels();
            Path candidate = target;
            for (int attempt = 0; ; attempt++) {
                try {
                    Files.createLink(candidate, temp);
                    published = candidate;
                    return pfnOf(candidate);
                } catch (FileAlreadyExistsException e) {
                    // Bytes already lie under this name (a moved LFN's replica, dark data): never overwrite them.
                    if (attempt >= 8) {
                        throw e;
                    }
                    candidate = target.resolveSibling(target.getFileName() + "." + randomHex(4));
                }
            }
        }

        private void closeChannels() throws IOException {
            if (flushing != null) {
                flushing.close();
            } else {
                channel.close();
            }
        }

        @Override
        public void release() throws IOException {
            released = true;
            Files.deleteIfExists(temp);
        }

        @Override
        public void close() {
            try {
                closeChannels();
            } catch (IOException e) {
                // the temporary file goes below anyway
            }
            if (released) {
                return;
            }
            try {
                if (published != null && Files.exists(temp) && Files.isSameFile(published, temp)) {
                    Files.deleteIfExists(published);
                }
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // A leftover temporary file is what fsck --repair is for.
            }
        }
    }

    @Override
    public ReadableByteChannel open(String pfn) throws IOException {
        return FileChannel.open(file(pfn), StandardOpenOption.READ);
    }

    @Override
    public long size(String pfn) throws IOException {
        Path file = file(pfn);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() : -1;
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public boolean delete(String pfn) throws IOException {
        Path file = file(pfn);
        boolean deleted = Files.deleteIfExists(file);
        knownDirectories.clear();
        pruneEmptyParents(file.getParent());
        return deleted;
    }

    /** Empty directories left by deletions go too, up to (not including) the root. */
    private void pruneEmptyParents(Path dir) {
        while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
            try {
                Files.delete(dir);
            } catch (IOException e) {
                return; // not empty, or someone else's: stop here
            }
            dir = dir.getParent();
        }
    }

    @Override
    public long freeSpace() throws IOException {
        Files.createDirectories(root);
        long free = Files.getFileStore(root).getUsableSpace();
        if (quota < 0) {
            return free;
        }
        return Math.max(0, Math.min(free, quota - usedSpace()));
    }

    @Override
    public long usedSpace() throws IOException {
        long[] used = {0};
        scan("/", o -> used[0] += o.size());
        return used[0];
    }

    @Override
    public void scan(String under, Consumer<StoredObject> sink) throws IOException {
        Path top = under.equals("/") ? root : file(under);
        if (!Files.isDirectory(top)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            private final List<Map<Object, Path>> dataByKey = new ArrayList<>();
            private final List<List<Path>> temps = new ArrayList<>();

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                dataByKey.add(new HashMap<>());
                temps.add(new ArrayList<>());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                if (isTemporaryName(file.getFileName().toString())) {
                    temps.get(temps.size() - 1).add(file);
                } else {
                    if (attrs.fileKey() != null) {
                        dataByKey.get(dataByKey.size() - 1).put(attrs.fileKey(), file);
                    }
                    sink.accept(new StoredObject(pfnOf(file), attrs.size(), false, null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished while we walked: nothing to report
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                Map<Object, Path> data = dataByKey.remove(dataByKey.size() - 1);
                for (Path temp : temps.remove(temps.size() - 1)) {
                    try {
                        BasicFileAttributes attrs = Files.readAttributes(temp, BasicFileAttributes.class);
                        Path twin = attrs.fileKey() == null ? null : data.get(attrs.fileKey());
                        sink.accept(new StoredObject(pfnOf(temp), attrs.size(), true, twin == null ? null : pfnOf(twin)));
                    } catch (IOException gone) {
                        // finished or removed meanwhile
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
