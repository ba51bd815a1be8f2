package org.dshell.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A real XRootD cluster on loopback: a manager (redirector) and one data server, each an xrootd with
 * XrdHttp plus its cmsd. Clients talk to the manager, which answers a GET or PUT with a redirect
 * (HTTP 307) to the data server, as dCache doors send transfers to pools and EOS's MGM to its FSTs.
 * The bytes end up in the data server's directory only.
 */
public final class XrootdCluster implements AutoCloseable {
    private final XrootdServer manager;
    private final XrootdServer server;

    public XrootdCluster(Path dir, Path hostCert, Path hostKey, Path caDir) {
        this(dir, hostCert, hostKey, caDir, true);
    }

    /** {@code httpsRedirects} false: the manager sends clients to http:// URLs (misconfigured, or hostile). */
    public XrootdCluster(Path dir, Path hostCert, Path hostKey, Path caDir, boolean httpsRedirects) {
        try {
            // The servers may run as nobody: the directories down to theirs must be traversable.
            Files.createDirectories(dir);
            for (Path d : new Path[] {dir.getParent(), dir}) {
                if (Files.getOwner(d).getName().equals(System.getProperty("user.name"))) {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int cmsPort = XrootdServer.freeLoopbackPort();
        this.manager = new XrootdServer(dir.resolve("manager"), hostCert, hostKey, caDir, "manager", cmsPort, httpsRedirects);
        this.server = new XrootdServer(dir.resolve("server"), hostCert, hostKey, caDir, "server", cmsPort, true);
    }

    /** Starts both and waits until the data server has joined the manager. */
    public XrootdCluster start() {
        manager.start();
        server.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.cmsdLog().contains("Logged into")) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the data server did not join the manager within 30 s: " + server.cmsdLog());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    /** The SE URL of a path, on the manager. */
    public String url(String path) {
        return manager.url(path);
    }

    /** Where the data server keeps the bytes of a path. */
    public Path file(String path) {
        return server.file(path);
    }

    /** Where the manager would keep them (it should keep none). */
    public Path managerFile(String path) {
        return manager.file(path);
    }

    @Override
    public void close() {
        server.stop();
        manager.stop();
    }
}
