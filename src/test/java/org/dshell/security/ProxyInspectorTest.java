package org.dshell.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.AttributeCertificateHolder;
import org.bouncycastle.cert.AttributeCertificateIssuer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2AttributeCertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyInspectorTest {
    private static final TestPki PKI = TestPki.shared();
    private static final UserCredential ALICE = CredentialLoader.load(PKI.pem("alice", "pkcs1"),
            PassphraseSource.none(), Instant.now());

    @TempDir
    Path tmp;

    @Test
    void describesOurProxy() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path file = tmp.resolve("x509up");
        ProxyFiles.write(ProxyFactory.create(ALICE, ProxyRequest.forGroup("dteam_user"), now), file);
        ProxyInfo info = ProxyInspector.inspect(file, now.plus(1, ChronoUnit.HOURS));
        assertTrue(info.subject().matches("\\Q" + TestPki.ALICE_DN + "\\E/CN=\\d+"), info.subject());
        assertEquals(TestPki.ALICE_DN, info.issuer());
        assertEquals(TestPki.ALICE_DN, info.identity());
        assertEquals(ProxyType.RFC_IMPERSONATION, info.type());
        assertEquals("RFC 3820 compliant impersonation proxy", info.type().description());
        assertEquals(2048, info.keyBits());
        assertEquals(Duration.ofHours(23), info.timeLeft());
        assertEquals("23:00:00", info.timeLeftText());
        assertEquals("dteam_user", info.group());
        assertEquals(file, info.path());
        assertFalse(info.voms().present());
        assertTrue(ProxyInspector.inspect(file, now.plus(2, ChronoUnit.DAYS)).expired());
    }

    @Test
    void recognisesLimitedProxies() {
        ProxyRequest request = ProxyRequest.forGroup("dteam_user").withKeyBits(1024).asLimited();
        ProxyCredential proxy = ProxyFactory.create(ALICE, request, Instant.now());
        assertEquals(ProxyType.RFC_LIMITED, ProxyType.of(proxy.certificate()));
        assertEquals(ProxyType.END_ENTITY, ProxyType.of(ALICE.certificate()));
    }

    @Test
    void readsVomsFqans() throws Exception {
        ASN1Encodable fqans = new DERSequence(new ASN1Encodable[] {
            new DERTaggedObject(false, 0, new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                    "dteam://voms.example.org:15004"))),
            new DERSequence(new ASN1Encodable[] {new DEROctetString("/dteam/Role=NULL/Capability=NULL".getBytes()),
                new DEROctetString("/dteam/prod/Role=manager/Capability=NULL".getBytes())})});
        X509CertificateHolder aliceHolder = new X509CertificateHolder(ALICE.certificate().getEncoded());
        X509v2AttributeCertificateBuilder ac = new X509v2AttributeCertificateBuilder(
                new AttributeCertificateHolder(aliceHolder), new AttributeCertificateIssuer(aliceHolder.getIssuer()),
                BigInteger.TEN, new Date(), Date.from(Instant.now().plus(1, ChronoUnit.DAYS)));
        ac.addAttribute(GridOids.VOMS_FQANS, fqans);
        // Signed by Alice's key here: only the parsing is under test, not the AC signature.
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(ALICE.privateKey());
        var vomsExtension = new DERSequence(new DERSequence(ac.build(signer).toASN1Structure()));
        X509Certificate proxy = proxyWith(vomsExtension);
        VomsAttributes voms = VomsAttributes.of(List.of(proxy, ALICE.certificate()));
        assertTrue(voms.present());
        assertEquals(List.of("/dteam/Role=NULL/Capability=NULL", "/dteam/prod/Role=manager/Capability=NULL"),
                voms.fqans());
    }

    @Test
    void unreadableVomsExtensionIsStillPresent() throws Exception {
        VomsAttributes voms = VomsAttributes.of(List.of(proxyWith(new DERIA5String("not an AC"))));
        assertTrue(voms.present());
        assertEquals(List.of(), voms.fqans());
    }

    @Test
    void proxyWithoutGroupHasNone() {
        ProxyCredential proxy = ProxyFactory.create(ALICE, ProxyRequest.forGroup(null).withKeyBits(1024), Instant.now());
        assertNull(ProxyInspector.inspect(proxy, tmp, Instant.now()).group());
    }

    private static X509Certificate proxyWith(ASN1Encodable vomsExtension) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair keys = generator.generateKeyPair();
        X500Name issuer = X500Name.getInstance(ALICE.certificate().getSubjectX500Principal().getEncoded());
        X500Name subject = new X500Name(issuer + ",CN=4242");
        var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(4242), new Date(),
                Date.from(Instant.now().plus(1, ChronoUnit.DAYS)), subject, keys.getPublic());
        builder.addExtension(GridOids.VOMS_AC_SEQUENCE, false, vomsExtension);
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(ALICE.privateKey());
        return PemCertificates.convert(builder.build(signer));
    }
}
