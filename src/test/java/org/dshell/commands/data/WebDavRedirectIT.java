package org.dshell.commands.data;

import static org.dshell.commands.data.DataFixture.adler;
import static org.dshell.commands.data.DataFixture.randomBytes;
import static org.dshell.commands.data.DataFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.dshell.security.TestPki;
import org.dshell.testing.JarProcess;
import org.dshell.testing.XrootdCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WebDAV SE behind a redirector: a real XRootD manager that answers every transfer with HTTP 307 to
 * its data server, as dCache doors send transfers to pools and EOS's MGM to its FSTs. The upload asks
 * first (Expect: 100-continue), so the redirect comes before the body, and follows it.
 */
class WebDavRedirectIT {
    private static final TestPki PKI = TestPki.shared();
    private static final String HOME = "/dteam/user/a/alicegrid";

    @TempDir
    static Path shared;
    private static XrootdCluster cluster;
    private static Path proxy;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCluster() throws IOException {
        PKI.localhostCertificate("redirect-host", 4343);
        cluster = new XrootdCluster(shared.resolve("cluster"), PKI.file("redirect-host.pem"), PKI.file("redirect-host.key"),
                PKI.certDir).start();
        proxy = PKI.proxy("alice", "dteam_user", Instant.now(), Duration.ofHours(12), shared.resolve("x509up"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
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

    @Test
    void putGetAndFsckFollowTheRedirectorToItsDataServer() throws IOException {
        Path data = tmp.resolve("data");
        write(data.resolve("big.dat"), randomBytes(11, 3 << 20));
        write(data.resolve("sub/small.dat"), randomBytes(12, 1000));
        write(data.resolve("sub/empty.dat"), new byte[0]);
        JarProcess.Result r = ok(dshell(), "se add RED " + cluster.url("/dteam") + "\n" + """
                put -r -j 2 --se RED data
                get -r -D out data
                fsck data
                """);
        assertTrue(r.out().contains("put: 3 done, 0 skipped, 0 failed"), r.out());
        assertTrue(r.out().contains("get: 3 done, 0 skipped, 0 failed"), r.out());
        assertTrue(r.out().contains("; 0 problems"), r.out());
        for (String lfn : List.of("data/big.dat", "data/sub/small.dat", "data/sub/empty.dat")) {
            byte[] sent = Files.readAllBytes(tmp.resolve(lfn));
            Path stored = cluster.file("/dteam" + HOME + "/" + lfn);
            assertArrayEquals(sent, Files.readAllBytes(stored), lfn + " on the data server");
            assertFalse(Files.exists(cluster.managerFile("/dteam" + HOME + "/" + lfn)), lfn + " not on the redirector");
            assertArrayEquals(sent, Files.readAllBytes(tmp.resolve("out").resolve(lfn)), lfn + " read back");
            String stat = ok(dshell(), "stat --json " + lfn + "\n").out();
            assertTrue(stat.contains("\"adler32:" + adler(sent) + "\""), lfn + ": " + stat);
        }
        assertTrue(DataFixture.temporaryFilesBelow(cluster.file("/dteam")).isEmpty());
    }

    @Test
    void aRedirectToPlainHttpIsRefusedAndLeavesNothingBehind() throws IOException {
        try (XrootdCluster insecure = new XrootdCluster(shared.resolve("insecure"), PKI.file("redirect-host.pem"),
                PKI.file("redirect-host.key"), PKI.certDir, false).start()) {
            write(tmp.resolve("a.dat"), randomBytes(13, 5000));
            JarProcess.Result r = dshell().run("se add PLAIN " + insecure.url("/dteam") + "\nput --se PLAIN a.dat .\nls\n");
            assertEquals(1, r.status(), r.out() + r.err());
            // the first request that gets redirected is refused (here the MKCOL of the directory)
            assertTrue(r.err().contains(" redirected ") && r.err().contains(", which is not HTTPS: refused"), r.err());
            assertFalse(r.out().contains("a.dat"), "no catalog entry: " + r.out());
            assertFalse(Files.exists(insecure.file("/dteam" + HOME + "/a.dat")));
        }
    }
}
