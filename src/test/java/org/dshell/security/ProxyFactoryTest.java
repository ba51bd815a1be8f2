package org.dshell.security;

import static org.dshell.security.CredentialLoaderTest.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERIA5String;
import org.dshell.core.DshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyFactoryTest {
    private static final TestPki PKI = TestPki.shared();
    private static final UserCredential ALICE = CredentialLoader.load(PKI.pem("alice", "pkcs1"),
            PassphraseSource.none(), Instant.now());

    @TempDir
    Path tmp;

    @Test
    void proxyHasTheRfc3820Shape() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate proxy = ProxyFactory.create(ALICE, ProxyRequest.forGroup("dteam_user"), now).certificate();
        BigInteger serial = proxy.getSerialNumber();
        assertTrue(serial.signum() > 0);
        assertEquals(TestPki.ALICE_DN + "/CN=" + serial, DistinguishedName.subject(proxy));
        assertEquals(TestPki.ALICE_DN, DistinguishedName.issuer(proxy));
        assertEquals("SHA256withRSA", proxy.getSigAlgName());
        assertEquals(2048, ((RSAPublicKey) proxy.getPublicKey()).getModulus().bitLength());
        assertTrue(proxy.getCriticalExtensionOIDs().containsAll(List.of("1.3.6.1.5.5.7.1.14", "2.5.29.15")));
        assertTrue(proxy.getNonCriticalExtensionOIDs().contains("1.2.42.42"));
        assertEquals("1.3.6.1.5.5.7.21.1", ProxyType.policyLanguage(proxy, GridOids.PROXY_CERT_INFO).getId());
        ASN1Primitive group = ASN1Primitive.fromByteArray(
                ASN1OctetString.getInstance(proxy.getExtensionValue("1.2.42.42")).getOctets());
        assertEquals(new DERIA5String("dteam_user"), group);
        boolean[] usage = proxy.getKeyUsage();
        assertTrue(usage[0] && usage[2], "digitalSignature and keyEncipherment");
        assertFalse(usage[5], "never keyCertSign");
        assertEquals(Duration.ofHours(24), Duration.between(now, proxy.getNotAfter().toInstant()));
        assertTrue(proxy.getNotBefore().toInstant().isBefore(now));
    }

    @Test
    void lifetimeAndKeySizeAreConfigurable() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ProxyRequest request = ProxyRequest.forGroup("dteam_user").withHours(2).withKeyBits(1024);
        X509Certificate proxy = ProxyFactory.create(ALICE, request, now).certificate();
        assertEquals(Duration.ofHours(2), Duration.between(now, proxy.getNotAfter().toInstant()));
        assertEquals(1024, ((RSAPublicKey) proxy.getPublicKey()).getModulus().bitLength());
    }

    @Test
    void lifetimeIsClippedToTheUserCertificate() {
        ProxyRequest request = ProxyRequest.forGroup(null).withHours(24 * 365).withKeyBits(1024);
        X509Certificate proxy = ProxyFactory.create(ALICE, request, Instant.now()).certificate();
        assertEquals(ALICE.certificate().getNotAfter(), proxy.getNotAfter());
        assertEquals(null, proxy.getExtensionValue("1.2.42.42"));
    }

    @Test
    void writesGlobusLayoutWithMode600() throws IOException {
        Path out = tmp.resolve("x509up_test");
        ProxyFiles.write(ProxyFactory.create(ALICE, ProxyRequest.forGroup("dteam_user"), Instant.now()), out);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        List<String> blocks = Files.readAllLines(out).stream().filter(l -> l.startsWith("-----BEGIN")).toList();
        assertEquals(List.of("-----BEGIN CERTIFICATE-----", "-----BEGIN RSA PRIVATE KEY-----",
                "-----BEGIN CERTIFICATE-----"), blocks);
        assertEquals(List.of(out), Files.list(tmp).toList(), "no temporary file left behind");
    }

    @Test
    void opensslVerifiesOurProxy() {
        Path out = tmp.resolve("proxy.pem");
        ProxyFiles.write(ProxyFactory.create(ALICE, ProxyRequest.forGroup("dteam_user"), Instant.now()), out);
        String result = ExternalTool.run(tmp, "openssl", "verify", "-allow_proxy_certs", "-CAfile",
                PKI.caCert.toString(), "-untrusted", PKI.file("alicecert.pem").toString(), out.toString());
        assertEquals(out + ": OK", result.strip());
    }

    @Test
    void badGroupNameIsAUsageError() {
        DshellException e = assertThrows(DshellException.class, () -> ProxyRequest.forGroup("dteam user;rm"));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("invalid group name 'dteam user;rm': use letters, digits"), e.getMessage());
    }

    @Test
    void unwritableOutputWritesNothing() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("plainfile"), "x");
        Path out = notADirectory.resolve("x509up");
        ProxyCredential proxy = ProxyFactory.create(ALICE, ProxyRequest.forGroup("dteam_user").withKeyBits(1024),
                Instant.now());
        assertFailure("cannot write proxy to " + out + ": not a directory", () -> ProxyFiles.write(proxy, out));
        Path missing = tmp.resolve("no/such/dir/x509up");
        assertFailure("cannot write proxy to " + missing + ": no such file or directory",
                () -> ProxyFiles.write(proxy, missing));
        assertEquals(List.of(notADirectory), Files.list(tmp).toList());
    }

    @Test
    void expiredUserCertificateMakesNoProxy() {
        UserCredential alice = ALICE;
        Instant later = alice.certificate().getNotAfter().toInstant().plusSeconds(60);
        DshellException e = assertThrows(DshellException.class,
                () -> ProxyFactory.create(alice, ProxyRequest.forGroup("dteam_user"), later));
        assertTrue(e.getMessage().contains("expired on"), e.getMessage());
    }

    @Test
    void proxyLocationFollowsExplicitThenEnvironmentThenUid() {
        assertEquals(Path.of("/a/b"), ProxyLocation.resolve(Path.of("/a/b"), java.util.Map.of("X509_USER_PROXY", "/c")));
        assertEquals(Path.of("/c"), ProxyLocation.resolve(null, java.util.Map.of("X509_USER_PROXY", "/c")));
        String uid = ExternalTool.run(tmp, "id", "-u").strip();
        assertEquals(Path.of("/tmp/x509up_u" + uid), ProxyLocation.resolve(null, java.util.Map.of()));
    }

    @Test
    void destroyRemovesTheFileOnce() throws IOException {
        Path out = Files.writeString(tmp.resolve("x509up"), "x");
        assertTrue(ProxyFiles.destroy(out));
        assertFalse(ProxyFiles.destroy(out));
    }
}
