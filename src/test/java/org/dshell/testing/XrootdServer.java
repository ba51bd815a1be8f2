package org.dshell.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real XRootD server with its HTTPS/WebDAV plugin (XrdHttp) on a free loopback port, for tests:
 * writes the configuration, starts {@code xrootd}, waits until the port answers, stops it (also when
 * the JVM exits). xrootd refuses to run as root, so as root it runs as {@code nobody}, which then owns
 * its data, admin, pid and log directories and its host key. {@code /ro} below the export is a
 * directory the server may read but not write. In a {@link XrootdCluster} it is a manager (a redirector)
 * or a data server, each with its cluster daemon ({@code cmsd}) beside it.
 */
public final class XrootdServer implements AutoCloseable {
    private static final String XROOTD = "/usr/bin/xrootd";
    private static final String CMSD = "/usr/bin/cmsd";
    private static final String UNPRIVILEGED = "nobody";

    private final Path dir;
    private final int port;
    /** The cluster's cmsd port and this server's role in it; null for a server on its own. */
    private final Integer cmsPort;
    private final String role;
    private final boolean httpsRedirects;
    private Process process;
    private Process cmsd;

    /**
     * @param dir     a fresh directory for the server (made world-traversable, the server may run as nobody)
     * @param caDir   the hashed CA directory the server trusts for client certificates
     */
    public XrootdServer(Path dir, Path hostCert, Path hostKey, Path caDir) {
        this(dir, hostCert, hostKey, caDir, null, null, true);
    }

    /**
     * One member of a cluster: {@code role} "manager" or "server", the manager's cmsd listening on
     * {@code cmsPort}; {@code httpsRedirects} false makes a manager redirect to http:// URLs, as a
     * misconfigured one does.
     */
    XrootdServer(Path dir, Path hostCert, Path hostKey, Path caDir, String role, Integer cmsPort, boolean httpsRedirects) {
        if (!Files.isExecutable(Path.of(XROOTD))) {
            throw new IllegalStateException(XROOTD + " is missing: install the Debian package xrootd-server (see .ci/run)");
        }
        this.dir = dir;
        this.port = freePort();
        this.role = role;
        this.cmsPort = cmsPort;
        this.httpsRedirects = httpsRedirects;
        try {
            Files.createDirectories(dir);
            for (Path d = dir; d != null && d.startsWith(dir.getParent()); d = d.getParent()) {
                if (Files.getOwner(d).getName().equals(System.getProperty("user.name"))) {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            for (String sub : List.of("data", "admin", "run", "log", "certs", "tls")) {
                Files.createDirectories(dir.resolve(sub));
            }
            try (Stream<Path> cas = Files.list(caDir)) {
                for (Path ca : (Iterable<Path>) cas::iterator) {
                    Files.copy(ca, dir.resolve("certs").resolve(ca.getFileName()));
                }
            }
            Files.copy(hostCert, dir.resolve("tls/hostcert.pem"));
            Files.copy(hostKey, dir.resolve("tls/hostkey.pem"));
            Files.setPosixFilePermissions(dir.resolve("tls/hostkey.pem"), PosixFilePermissions.fromString("rw-------"));
            Files.createDirectories(dir.resolve("data/ro"));
            if (asRoot()) {
                UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED);
                for (String owned : List.of("data", "admin", "run", "log", "tls", "tls/hostcert.pem", "tls/hostkey.pem")) {
                    Files.setOwner(dir.resolve(owned), nobody);
                }
                // data/ro stays root's: nobody may read it, not write it.
            } else {
                Files.setPosixFilePermissions(dir.resolve("data/ro"), PosixFilePermissions.fromString("r-xr-xr-x"));
            }
            Files.writeString(dir.resolve("xrootd.cfg"), config());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    private String config() {
        String ports = role == null
                ? """
                xrd.port %1$d
                xrd.protocol XrdHttp:%1$d libXrdHttp.so
                """.formatted(port)
                : clusterPorts();
        return ports + """
                xrd.tls %1$s/tls/hostcert.pem %1$s/tls/hostkey.pem
                xrd.tlsca certdir %1$s/certs
                xrootd.chksum max 16 adler32
                all.export /
                oss.localroot %1$s/data
                all.adminpath %1$s/admin
                all.pidpath %1$s/run
                """.formatted(dir);
    }

    /**
     * A cluster member: xrootd and cmsd read the same file, so the ports and the HTTP plugin are
     * per program. The manager redirects to https (desthttps) unless told not to, and waits 1 s, not
     * 5, before it answers that no server has a file.
     */
    private String clusterPorts() {
        return """
                all.role %2$s
                all.manager localhost:%3$d
                xrd.port %1$d if exec xrootd
                xrd.port %4$s if exec cmsd
                if exec xrootd
                xrd.protocol XrdHttp:%1$d libXrdHttp.so
                fi
                cms.delay startup 1 servers 1 lookup 1
                http.desthttps %5$s
                """.formatted(port, role, cmsPort, role.equals("manager") ? cmsPort.toString() : "any",
                httpsRedirects ? "yes" : "no");
    }

    static int freeLoopbackPort() {
        return freePort();
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again, after {@link #stop}, on the same port) and waits until it answers. */
    public synchronized XrootdServer start() {
        if (process != null && answers()) {
            return this;
        }
        process = launch(XROOTD, "xrootd");
        if (role != null) {
            cmsd = launch(CMSD, "cmsd");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("xrootd exited with " + process.exitValue() + ": " + output());
            }
            if (answers()) {
                return this;
            }
            sleep(100);
        }
        stop();
        throw new IllegalStateException("xrootd did not answer on port " + port + " within 30 s: " + output());
    }

    private Process launch(String program, String name) {
        List<String> command = new ArrayList<>(List.of(program));
        if (asRoot()) {
            command.addAll(List.of("-R", UNPRIVILEGED));
        }
        command.addAll(List.of("-c", dir.resolve("xrootd.cfg").toString(), "-l", dir.resolve("log/" + name + ".log").toString()));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster daemon's log so far (empty before it wrote one). */
    String cmsdLog() {
        try {
            return Files.readString(dir.resolve("log/cmsd.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private boolean answers() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Stops the server at once (SIGKILL, as a crashed or unplugged server would go). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        // Running as another user, xrootd goes on in a child process: kill it by its pid file and as a descendant.
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        if (cmsd != null) {
            all.addAll(cmsd.descendants().toList());
            all.add(cmsd.toHandle());
        }
        try (Stream<Path> files = Files.walk(dir.resolve("run"))) {
            for (Path pidFile : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".pid"))::iterator) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(all::add);
            }
        } catch (IOException | NumberFormatException e) {
            // no pid file yet: the handles above are all there is
        }
        for (ProcessHandle handle : all) {
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone already, or not ours to wait for
            }
        }
        process = null;
        cmsd = null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    /** The SE URL of a path on this server, e.g. {@code url("/dteam")}. */
    public String url(String path) {
        return "davs://localhost:" + port + path;
    }

    /** Where the server keeps the bytes of a path. */
    public Path file(String path) {
        return dir.resolve("data").resolve(path.substring(1));
    }

    public Path certDir() {
        return dir.resolve("certs");
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("xrootd.out"));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
