package org.dshell.security;

import static org.dshell.security.CredentialLoaderTest.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.dshell.core.DshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainVerifierTest {
    private static final TestPki PKI = TestPki.shared();
    private static final CertificateDirectory TRUST = CertificateDirectory.load(
            CertificateDirectory.locate(Map.of("X509_CERT_DIR", PKI.certDir.toString())));
    private static final ChainVerifier VERIFIER = new ChainVerifier(TRUST);
    private static final ProxyRequest SMALL = ProxyRequest.forGroup("dteam_user").withKeyBits(1024);

    @TempDir
    Path tmp;

    @Test
    void loadsOnlyCertificatesAndCrlsFromTheHashedDirectory() {
        assertEquals(1, TRUST.authorities().size());
        assertEquals(1, TRUST.crls().size());
        assertEquals(List.of(), TRUST.unreadable());
        assertEquals(CertificateDirectory.DEFAULT, CertificateDirectory.locate(Map.of()));
    }

    @Test
    void verifiesOurProxyReadBackFromItsFile() {
        Path file = tmp.resolve("x509up");
        ProxyFiles.write(ProxyFactory.create(user("alice"), SMALL, Instant.now()), file);
        VerifiedChain verified = VERIFIER.verify(ProxyFiles.read(file), Instant.now());
        assertEquals(new VerifiedChain(TestPki.ALICE_DN, TestPki.CA_DN, 1), verified);
    }

    @Test
    void verifiesAProxyOfAProxy() {
        ProxyCredential first = ProxyFactory.create(user("alice"), SMALL, Instant.now());
        UserCredential asIssuer = new UserCredential(first.certificate(), first.privateKey(), first.chain());
        ProxyCredential second = ProxyFactory.create(asIssuer, SMALL, Instant.now());
        assertEquals(2, VERIFIER.verify(second, Instant.now()).proxyDepth());
    }

    @Test
    void verifiesAUserCertificateAlone() {
        assertEquals(0, VERIFIER.verify(List.of(user("alice").certificate()), Instant.now()).proxyDepth());
    }

    @Test
    void expiredProxyNamesTheCertificateAndTheTime() {
        ProxyCredential proxy = ProxyFactory.create(user("alice"), SMALL.withHours(1), Instant.now());
        DshellException e = assertThrows(DshellException.class,
                () -> VERIFIER.verify(proxy, Instant.now().plus(2, ChronoUnit.HOURS)));
        assertTrue(e.getMessage().matches("certificate \\Q" + TestPki.ALICE_DN + "\\E/CN=\\d+ expired on .* UTC"),
                e.getMessage());
    }

    @Test
    void notYetValidProxy() {
        ProxyCredential proxy = ProxyFactory.create(user("alice"), SMALL, Instant.now());
        DshellException e = assertThrows(DshellException.class,
                () -> VERIFIER.verify(proxy, Instant.now().minus(1, ChronoUnit.DAYS)));
        assertTrue(e.getMessage().contains("/CN=" + proxy.certificate().getSerialNumber() + " is not valid before"),
                e.getMessage());
    }

    @Test
    void revokedUserCertificate() {
        ProxyCredential proxy = ProxyFactory.create(user("bob"), SMALL, Instant.now());
        DshellException e = assertThrows(DshellException.class, () -> VERIFIER.verify(proxy, Instant.now()));
        assertTrue(e.getMessage().startsWith("certificate " + TestPki.BOB_DN + " (serial "), e.getMessage());
        assertTrue(e.getMessage().contains(") was revoked on "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" UTC by " + TestPki.CA_DN), e.getMessage());
    }

    @Test
    void unknownCa() {
        var carol = PemCertificates.read(PKI.file("carolcert.pem"));
        assertFailure("unknown CA /C=XX/O=Elsewhere/CN=Unknown CA (issuer of /C=CH/O=Dshell Test/OU=Users/CN=carol): not in "
                + PKI.certDir, () -> VERIFIER.verify(carol, Instant.now()));
    }

    @Test
    void badSignatureFromAnImpostorOfTheTrustedCa() {
        var mallory = PemCertificates.read(PKI.file("mallorycert.pem"));
        assertFailure("bad signature on /C=CH/O=Dshell Test/OU=Users/CN=mallory: not signed by " + TestPki.CA_DN,
                () -> VERIFIER.verify(mallory, Instant.now()));
    }

    @Test
    void issuerMismatchInTheChain() {
        ProxyCredential proxy = ProxyFactory.create(user("alice"), SMALL, Instant.now());
        var wrongChain = List.of(proxy.certificate(), user("bob").certificate());
        DshellException e = assertThrows(DshellException.class, () -> VERIFIER.verify(wrongChain, Instant.now()));
        assertTrue(e.getMessage().startsWith("subject mismatch: proxy " + TestPki.ALICE_DN), e.getMessage());
    }

    @Test
    void proxyKeyThatIsNotTheProxys() {
        ProxyCredential proxy = ProxyFactory.create(user("alice"), SMALL, Instant.now());
        ProxyCredential other = ProxyFactory.create(user("alice"), SMALL, Instant.now());
        var swapped = new ProxyCredential(proxy.certificate(), other.privateKey(), proxy.issuers());
        assertFailure("key mismatch: the private key does not belong to proxy "
                + DistinguishedName.subject(proxy.certificate()), () -> VERIFIER.verify(swapped, Instant.now()));
    }

    @Test
    void chainWithoutTheUserCertificate() {
        ProxyCredential proxy = ProxyFactory.create(user("alice"), SMALL, Instant.now());
        DshellException e = assertThrows(DshellException.class,
                () -> VERIFIER.verify(List.of(proxy.certificate()), Instant.now()));
        assertTrue(e.getMessage().startsWith("incomplete chain: the issuer " + TestPki.ALICE_DN), e.getMessage());
    }

    @Test
    void missingCaDirectory() {
        Path none = tmp.resolve("none");
        assertFailure("CA directory " + none + " does not exist; set X509_CERT_DIR",
                () -> CertificateDirectory.load(none));
    }

    private static UserCredential user(String name) {
        return CredentialLoader.load(PKI.pem(name, "pkcs1"), PassphraseSource.none(), Instant.now());
    }
}
