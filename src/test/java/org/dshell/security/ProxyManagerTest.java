package org.dshell.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.dshell.core.DshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyManagerTest {
    private static final TestPki PKI = TestPki.shared();

    @TempDir
    Path tmp;

    @Test
    void initInfoVerifyDestroyWithDefaultsFromHomeAndEnvironment() throws IOException {
        Path home = tmp.resolve("home");
        Path globus = Files.createDirectories(home.resolve(".globus"));
        Files.copy(PKI.file("alicecert.pem"), globus.resolve("usercert.pem"));
        Files.copy(PKI.file("alice-pkcs1-enc.pem"), globus.resolve("userkey.pem"));
        Path proxyFile = tmp.resolve("x509up_env");
        ProxyManager manager = new ProxyManager(Map.of("X509_USER_PROXY", proxyFile.toString(),
                "X509_CERT_DIR", PKI.certDir.toString()), home, Clock.systemUTC());

        ProxyInfo made = manager.init(manager.credentialFiles(null, null), ProxyRequest.forGroup("dteam_user"),
                PassphraseSource.of(TestPki.PASSPHRASE.toCharArray()), null);
        assertEquals(proxyFile, made.path());
        assertEquals("dteam_user", manager.info(null).group());
        assertEquals(TestPki.ALICE_DN, manager.verify(null).identity());
        assertTrue(manager.destroy(null));
        assertFalse(Files.exists(proxyFile));
    }

    @Test
    void revokedUserGetsNoProxy() throws IOException {
        ProxyManager manager = new ProxyManager(Map.of("X509_CERT_DIR", PKI.certDir.toString()), tmp,
                Clock.systemUTC());
        Path out = tmp.resolve("x509up");
        DshellException e = assertThrows(DshellException.class, () -> manager.init(PKI.pem("bob", "pkcs1"),
                ProxyRequest.forGroup("dteam_user"), PassphraseSource.none(), out));
        assertTrue(e.getMessage().contains("was revoked on"), e.getMessage());
        assertEquals(List.of(), Files.list(tmp).toList());
    }
}
