package org.dshell.backend.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A download's target: a temporary file beside the final one ({@code .NAME.dshell-tmp-RANDOM}),
 * renamed onto it on commit and deleted otherwise, so a reader never sees a partial or corrupt file.
 * A big download is written as an upload to a directory SE is ({@link SyncedFileChannel}): past
 * 64 MiB its aligned chunks go straight to the disk, not through the page cache, and it is flushed
 * before it takes its name, so that even a crash of the machine cannot leave a short file under it.
 * Filling a GiB of page cache cost a one-shot get 2-3 s of system CPU on the test machine, and the
 * flush at commit then has little left to write. Small files keep the page cache and no flush.
 */
public final class LocalTempFile implements ReplicaReader.Target {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temp;
    private final SyncedFileChannel writer;
    private final boolean overwrite;
    private boolean committed;

    /** Creates the temporary file; {@code overwrite}: whether commit may replace an existing {@code target}. */
    public LocalTempFile(Path target, boolean overwrite) throws IOException {
        this.target = target;
        this.overwrite = overwrite;
        String name = target.getFileName().toString();
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        this.temp = target.resolveSibling("." + (name.length() > 200 ? name.substring(0, 200) : name)
                + ".dshell-tmp-" + HexFormat.of().formatHex(random));
        this.writer = new SyncedFileChannel(temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    @Override
    public WritableByteChannel channel() {
        return writer;
    }

    @Override
    public void commit() throws IOException {
        if (writer.big()) {
            writer.force();
        }
        writer.close();
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    @Override
    public void close() {
        try {
            writer.close();
            if (!committed) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // nothing more we can do; the name marks it as a leftover
        }
    }
}
