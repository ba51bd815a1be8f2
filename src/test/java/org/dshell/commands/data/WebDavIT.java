package org.dshell.commands.data;

import static org.dshell.commands.data.DataFixture.adler;
import static org.dshell.commands.data.DataFixture.randomBytes;
import static org.dshell.commands.data.DataFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dshell.security.ExternalTool;
import org.dshell.security.TestPki;
import org.dshell.testing.JarProcess;
import org.dshell.testing.XrootdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * put, get, replicate, fsck and register against a real XRootD server speaking HTTPS/WebDAV, with a
 * proxy made by dshell's own code and certificates made by openssl; davix for interoperability.
 */
class WebDavIT {
    private static final TestPki PKI = TestPki.shared();
    private static final String HOME = "/dteam/user/a/alicegrid";

    @TempDir
    static Path shared;
    private static XrootdServer server;
    private static Path proxy;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() throws IOException {
        PKI.localhostCertificate("xrootd-host", 4242);
        server = new XrootdServer(shared.resolve("xrootd"), PKI.file("xrootd-host.pem"), PKI.file("xrootd-host.key"),
                PKI.certDir).start();
        proxy = PKI.proxy("alice", "dteam_user", Instant.now(), Duration.ofHours(12), shared.resolve("x509up"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void serverRuns() {
        server.start(); // a no-op wait when it runs; after the fault test, a restart
    }

    private JarProcess dshell() {
        return new JarProcess(tmp.resolve("home")).in(tmp).env("USER", "localuser")
                .env("X509_USER_PROXY", proxy.toString()).env("X509_CERT_DIR", PKI.certDir.toString());
    }

    private JarProcess.Result ok(JarProcess dshell, String script) {
        JarProcess.Result r = dshell.run(script);
        assertEquals(0, r.status(), "out: " + r.out() + "\nerr: " + r.err());
        return r;
    }

    private String declare(String name, String path) {
        return "se add " + name + " " + server.url(path) + "\n";
    }

    @Test
    void putGetReplicateAndFsckOverBothKindsOfSe() throws IOException {
        Path data = tmp.resolve("data");
        byte[] big = randomBytes(1, 3 << 20);
        write(data.resolve("big.dat"), big);
        write(data.resolve("sub/small.dat"), randomBytes(2, 1000));
        write(data.resolve("sub/empty.dat"), new byte[0]);
        write(tmp.resolve("local/a.dat"), randomBytes(3, 70_000));
        JarProcess.Result r = ok(dshell(), declare("XRD", "/dteam") + """
                se
                put -r -j 4 --se XRD data
                get -r -D out data
                put -r local
                replicate -r --se XRD local
                replicate -r --se LOCAL-BACKUP data
                fsck
                """);
        assertTrue(r.out().contains("XRD           webdav  read-write  yes"), r.out());
        assertTrue(r.out().contains("fsck: " + HOME + ": 4 files, 8 replicas checked"), r.out());
        assertTrue(r.out().contains("; 0 problems"), r.out());
        assertArrayEquals(big, Files.readAllBytes(tmp.resolve("out/data/big.dat")));
        assertEquals(0, Files.size(tmp.resolve("out/data/sub/empty.dat")));
        for (String lfn : List.of("data/big.dat", "data/sub/small.dat", "data/sub/empty.dat", "local/a.dat")) {
            byte[] onServer = Files.readAllBytes(server.file("/dteam" + HOME + "/" + lfn));
            assertArrayEquals(Files.readAllBytes(tmp.resolve(lfn)), onServer, lfn);
            String stat = ok(dshell(), "stat --json " + lfn + "\n").out();
            assertTrue(stat.contains("\"adler32:" + adler(onServer) + "\""), lfn + ": " + stat);
        }
        assertTrue(DataFixture.temporaryFilesBelow(server.file("/dteam")).isEmpty());
    }

    @Test
    void davixAndDshellReadEachOthersUploads() throws IOException {
        ExternalTool.require("davix-put");
        byte[] bytes = randomBytes(4, 200_000);
        write(tmp.resolve("by-davix.dat"), bytes);
        write(tmp.resolve("by-dshell.dat"), randomBytes(5, 300_000));
        String davixUrl = "davs://localhost:" + server.port() + "/dav" + HOME + "/by-davix.dat";
        ExternalTool.run(tmp, "davix-put", "--cert", proxy.toString(), "--capath", PKI.certDir.toString(),
                tmp.resolve("by-davix.dat").toString(), davixUrl);
        JarProcess.Result r = ok(dshell(), declare("DAV", "/dav") + """
                register --se DAV by-davix.dat
                get -D fetched by-davix.dat
                put --se DAV by-dshell.dat
                """);
        assertTrue(r.out().contains("registered " + HOME + "/by-davix.dat (200000 bytes, adler32 " + adler(bytes) + ")"), r.out());
        assertArrayEquals(bytes, Files.readAllBytes(tmp.resolve("fetched/by-davix.dat")));
        ExternalTool.run(tmp, "davix-get", "--cert", proxy.toString(), "--capath", PKI.certDir.toString(),
                "davs://localhost:" + server.port() + "/dav" + HOME + "/by-dshell.dat", tmp.resolve("davix-got.dat").toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("by-dshell.dat")), Files.readAllBytes(tmp.resolve("davix-got.dat")));
    }

    @Test
    void anUploadNeverOverwritesBytesAlreadyUnderItsName() throws IOException {
        ExternalTool.require("davix-put");
        byte[] theirs = randomBytes(6, 50_000);
        byte[] ours = randomBytes(7, 60_000);
        write(tmp.resolve("theirs/taken.dat"), theirs);
        write(tmp.resolve("taken.dat"), ours);
        // Bytes some other client left at the very PFN dshell would choose, with no catalog entry.
        ExternalTool.run(tmp, "davix-put", "--cert", proxy.toString(), "--capath", PKI.certDir.toString(),
                tmp.resolve("theirs/taken.dat").toString(), "davs://localhost:" + server.port() + "/taken" + HOME + "/taken.dat");
        JarProcess.Result r = ok(dshell(), declare("XRD", "/taken") + """
                put --se XRD taken.dat
                replicas taken.dat
                get -D back taken.dat
                """);
        assertArrayEquals(theirs, Files.readAllBytes(server.file("/taken" + HOME + "/taken.dat")), "their bytes stay");
        assertArrayEquals(ours, Files.readAllBytes(tmp.resolve("back/taken.dat")));
        assertTrue(r.out().contains(HOME + "/taken.dat."), "published under another free name: " + r.out());
    }

    /** A download learns from its one GET whether the bytes are there and how many: both are checked. */
    @Test
    void missingOrShortBytesOnTheServerAreNamedAndNothingIsWritten() throws IOException {
        byte[] a = randomBytes(8, 90_000);
        write(tmp.resolve("a.dat"), a);
        write(tmp.resolve("b.dat"), randomBytes(9, 80_000));
        write(tmp.resolve("c.dat"), randomBytes(10, 1000));
        ok(dshell(), declare("XRD", "/bad") + "put --se XRD a.dat b.dat c.dat .\n");
        Files.delete(server.file("/bad" + HOME + "/c.dat"));
        try (var channel = java.nio.channels.FileChannel.open(server.file("/bad" + HOME + "/b.dat"),
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(1000);
        }
        JarProcess.Result r = dshell().run("get -D out a.dat b.dat c.dat\n");
        assertEquals(1, r.status(), "out: " + r.out() + "\nerr: " + r.err());
        assertTrue(r.err().contains("no good replica of " + HOME + "/b.dat (XRD: size 1000 != catalog 80000)"), r.err());
        assertTrue(r.err().contains("no good replica of " + HOME + "/c.dat (XRD: bytes missing at " + HOME + "/c.dat)"), r.err());
        assertTrue(r.out().contains("get: 1 done, 0 skipped, 2 failed"), r.out());
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("out/a.dat")));
        try (var left = Files.list(tmp.resolve("out"))) {
            assertEquals(List.of("a.dat"), left.map(f -> f.getFileName().toString()).toList(), "no partial files");
        }
    }

    @Test
    void serverStoppedInTheMiddleOfABulkPutThenSkipExistingCompletes() throws Exception {
        Path bulk = tmp.resolve("bulk");
        for (int i = 0; i < 120; i++) {
            write(bulk.resolve(String.format("f%03d.dat", i)), randomBytes(100 + i, 512 * 1024));
        }
        ok(dshell(), declare("XRD", "/crash") + "mkdir -p " + HOME + "\n");
        Process put = dshell().start("-c", "put -r -j 2 --se XRD bulk");
        Path onServer = server.file("/crash" + HOME + "/bulk");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countFinal(onServer) < 5 && put.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(put.isAlive(), "the put should still be running when the server goes");
        server.stop();
        assertTrue(put.waitFor(120, TimeUnit.SECONDS));
        String err = new String(put.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, put.exitValue(), err);
        assertTrue(err.contains("cannot connect to localhost:" + server.port()) || err.contains("localhost:" + server.port()), err);
        // Every file the catalog has is on the server, whole.
        String listing = ok(dshell(), "ls bulk\n").out();
        List<String> registered = listing.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(registered.size() < 120, listing);
        for (String name : registered) {
            assertArrayEquals(Files.readAllBytes(bulk.resolve(name)), Files.readAllBytes(onServer.resolve(name)), name);
        }
        server.start();
        JarProcess.Result rerun = ok(dshell(), "put -r -j 4 --skip-existing --se XRD bulk\n");
        assertTrue(rerun.out().startsWith("put: " + (120 - registered.size()) + " done, " + registered.size() + " skipped, 0 failed"),
                rerun.out());
        ok(dshell(), "get -r -D back bulk\n");
        for (int i = 0; i < 120; i++) {
            String name = String.format("f%03d.dat", i);
            assertArrayEquals(Files.readAllBytes(bulk.resolve(name)), Files.readAllBytes(tmp.resolve("back/bulk/" + name)), name);
        }
    }

    private static long countFinal(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void unknownCaIsAClearTlsErrorNamingTheServer() throws IOException {
        Path otherCas = Files.createDirectories(tmp.resolve("other-cas"));
        String hash = PKI.openssl("x509", "-hash", "-noout", "-in", "other-ca.pem").strip();
        Files.copy(PKI.file("other-ca.pem"), otherCas.resolve(hash + ".0"));
        write(tmp.resolve("f.dat"), randomBytes(6, 1000));
        JarProcess.Result r = dshell().env("X509_CERT_DIR", otherCas.toString()).run(declare("XRD", "/dteam") + "put --se XRD f.dat\n");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("TLS handshake with localhost:" + server.port() + " failed"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void expiredProxyFailsBeforeAnyTransfer() throws IOException {
        Path expired = PKI.proxy("alice", "dteam_user", Instant.now().minus(Duration.ofMinutes(55)), Duration.ofMinutes(10),
                tmp.resolve("x509up-expired"));
        write(tmp.resolve("f.dat"), randomBytes(7, 1000));
        JarProcess.Result r = dshell().env("X509_USER_PROXY", expired.toString())
                .run(declare("XRD", "/expired") + "put --se XRD f.dat\n");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().matches("(?s)line 2: put --se XRD f.dat: .*proxy .*x509up-expired expired on .*\n"), r.err());
        assertFalse(Files.exists(server.file("/expired")));
    }

    @Test
    void readOnlyPathIsAPermissionError() throws IOException {
        write(tmp.resolve("f.dat"), randomBytes(8, 1000));
        JarProcess.Result r = dshell().run(declare("RO", "/ro") + "put --se RO f.dat\n");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("permission denied"), r.err());
        assertEquals("", ok(dshell(), "ls\n").out());
    }

    @Test
    void badSeDeclarationsAreUsageErrors() {
        JarProcess.Result r = dshell().run("se add X ftp://localhost/data\n");
        assertEquals(2, r.status());
        assertEquals("line 1: se add X ftp://localhost/data: SE URL 'ftp://localhost/data' must start with davs:// or https://"
                + " (TLS with your proxy)\n", r.err());
        assertEquals(2, dshell().run("se rm NOPE\n").status());
    }
}
