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
 */
public final class LocalTempFile implements ReplicaReader.Target {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
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
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public WritableByteChannel channel() {
        return channel;
    }

    @Override
    public void commit() throws IOException {
        channel.close();
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    @Override
    public void close() {
        try {
            channel.close();
            if (!committed) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // nothing more we can do; the name marks it as a leftover
        }
    }
}
