package org.dshell.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dshell.core.DshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The start-up reader must say exactly what the Bouncy Castle based ProxyInspector says. */
class ProxyIdentityTest {
    private static final TestPki PKI = TestPki.shared();

    @TempDir
    Path tmp;

    @Test
    void agreesWithTheInspectorOnOurProxies() {
        Path file = PKI.proxy("alice", "mu3e.org_user", Instant.now(), Duration.ofHours(3), tmp.resolve("ours"));
        assertAgrees(file);
        ProxyIdentity read = ProxyIdentity.read(file);
        assertEquals(TestPki.ALICE_DN, read.identity());
        assertEquals("mu3e.org_user", read.group());
        assertFalse(read.expiredAt(Instant.now()));
        assertTrue(read.expiredAt(Instant.now().plus(Duration.ofHours(4))));
    }

    @Test
    void aProxyWithoutGroupHasNone() {
        Path file = PKI.proxy("alice", null, Instant.now(), Duration.ofHours(1), tmp.resolve("nogroup"));
        assertEquals(null, ProxyIdentity.read(file).group());
        assertAgrees(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-rfc", "-old", "-limited"})
    void agreesWithTheInspectorOnGlobusProxies(String kind) {
        Path out = tmp.resolve("globus" + kind);
        ExternalTool.run(tmp, Map.of("X509_CERT_DIR", PKI.certDir.toString()), TestPki.PASSPHRASE + "\n",
                "grid-proxy-init", "-q", "-pwstdin", "-cert", PKI.file("alicecert.pem").toString(),
                "-key", PKI.file("alice-pkcs1-enc.pem").toString(), "-out", out.toString(), kind);
        assertAgrees(out);
        assertEquals(TestPki.ALICE_DN, ProxyIdentity.read(out).identity());
    }

    @Test
    void aUserCertificateIsItsOwnIdentity() {
        assertEquals(TestPki.ALICE_DN, ProxyIdentity.read(PKI.file("alicecert.pem")).identity());
    }

    @Test
    void damagedFilesAreOneLineFailures() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty"), "nothing here\n");
        Path damaged = Files.writeString(tmp.resolve("damaged"),
                "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n");
        for (Path file : new Path[] {empty, damaged, tmp.resolve("missing")}) {
            DshellException e = assertThrows(DshellException.class, () -> ProxyIdentity.read(file));
            assertEquals(1, e.exitCode());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    private static void assertAgrees(Path file) {
        ProxyInfo expected = ProxyInspector.inspect(file, Instant.now());
        ProxyIdentity actual = ProxyIdentity.read(file);
        assertEquals(expected.identity(), actual.identity());
        assertEquals(expected.group(), actual.group());
        assertEquals(expected.notAfter(), actual.notAfter());
    }
}
