package org.dshell.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the Globus tools (Debian package globus-proxy-utils). These tests fail, never skip,
 * when the tools are missing: CI installs them, and a silent skip would hide a broken proxy format.
 */
class GlobusInteropTest {
    private static final TestPki PKI = TestPki.shared();
    private static final Map<String, String> ENV = Map.of("X509_CERT_DIR", PKI.certDir.toString());
    private static final ChainVerifier VERIFIER = new ChainVerifier(CertificateDirectory.load(PKI.certDir));

    @TempDir
    Path tmp;

    @Test
    void gridProxyInfoReadsOurProxy() {
        UserCredential alice = CredentialLoader.load(PKI.pem("alice", "pkcs1"), PassphraseSource.none(), Instant.now());
        Path file = tmp.resolve("x509up_dshell");
        ProxyCredential proxy = ProxyFactory.create(alice, ProxyRequest.forGroup("dteam_user"), Instant.now());
        ProxyFiles.write(proxy, file);
        String info = ExternalTool.run(tmp, ENV, null, "grid-proxy-info", "-f", file.toString());
        assertTrue(info.contains("subject  : " + DistinguishedName.subject(proxy.certificate()) + "\n"), info);
        assertTrue(info.contains("issuer   : " + TestPki.ALICE_DN + "\n"), info);
        assertTrue(info.contains("identity : " + TestPki.ALICE_DN + "\n"), info);
        assertTrue(info.contains("type     : RFC 3820 compliant impersonation proxy\n"), info);
        assertTrue(info.contains("strength : 2048 bits\n"), info);
        assertTrue(info.matches("(?s).*timeleft : 2[34]:\\d\\d:\\d\\d.*"), info);
    }

    @Test
    void readsAndVerifiesAnRfcProxyFromGridProxyInit() {
        Path file = gridProxyInit("rfc", "-rfc");
        ProxyInfo info = ProxyInspector.inspect(file, Instant.now());
        assertEquals(ProxyType.RFC_IMPERSONATION, info.type());
        assertEquals(TestPki.ALICE_DN, info.identity());
        assertEquals(TestPki.ALICE_DN, info.issuer());
        assertTrue(info.timeLeft().toHours() >= 11, info.timeLeftText());
        assertEquals(new VerifiedChain(TestPki.ALICE_DN, TestPki.CA_DN, 1),
                VERIFIER.verify(ProxyFiles.read(file), Instant.now()));
    }

    @Test
    void readsAndVerifiesLegacyAndLimitedProxiesFromGridProxyInit() {
        Path legacy = gridProxyInit("old", "-old");
        assertEquals(ProxyType.LEGACY, ProxyInspector.inspect(legacy, Instant.now()).type());
        assertEquals(TestPki.ALICE_DN, VERIFIER.verify(ProxyFiles.read(legacy), Instant.now()).identity());
        Path limited = gridProxyInit("limited", "-rfc", "-limited");
        assertEquals(ProxyType.RFC_LIMITED, ProxyInspector.inspect(limited, Instant.now()).type());
        assertEquals(TestPki.ALICE_DN, VERIFIER.verify(ProxyFiles.read(limited), Instant.now()).identity());
    }

    /** grid-proxy-init from Alice's legacy-encrypted key, pass phrase on stdin. */
    private Path gridProxyInit(String name, String... options) {
        Path out = tmp.resolve("x509up_" + name);
        String[] command = {"grid-proxy-init", "-q", "-pwstdin", "-cert", PKI.file("alicecert.pem").toString(),
            "-key", PKI.file("alice-pkcs1-enc.pem").toString(), "-out", out.toString()};
        String[] all = new String[command.length + options.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(options, 0, all, command.length, options.length);
        ExternalTool.run(tmp, ENV, TestPki.PASSPHRASE + "\n", all);
        return out;
    }
}
