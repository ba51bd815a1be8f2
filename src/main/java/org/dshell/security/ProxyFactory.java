package org.dshell.security;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.dshell.core.DshellException;

/** Makes RFC 3820 proxy certificates signed by a user credential, in the form DIRAC expects. */
public final class ProxyFactory {
    // Globus backdates proxies by five minutes so that a slightly slow server clock accepts them at once.
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private ProxyFactory() {
    }

    public static ProxyCredential create(UserCredential issuer, ProxyRequest request, Instant now) {
        X509Certificate issuerCert = issuer.certificate();
        CredentialLoader.requireValid(issuerCert, "of the issuer", now);
        KeyPair keyPair = newKeyPair(request.keyBits());
        // Positive, non-zero, and small enough to stay a short decimal CN, like Globus' serials.
        BigInteger serial = new BigInteger(62, Bc.RANDOM).add(BigInteger.ONE);
        Date notBefore = Date.from(max(now.minus(BACKDATE), issuerCert.getNotBefore().toInstant()));
        // A proxy may never outlive the certificate that signed it.
        Date notAfter = Date.from(min(now.plus(request.lifetime()), issuerCert.getNotAfter().toInstant()));
        X500Name issuerName = X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial, notBefore, notAfter,
                    subjectFor(issuerName, serial), keyPair.getPublic());
            builder.addExtension(GridOids.PROXY_CERT_INFO, true, proxyCertInfo(request.limited()));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (request.group() != null) {
                builder.addExtension(GridOids.DIRAC_GROUP, false, new DERIA5String(request.group()));
            }
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(issuer))
                    .setProvider(Bc.PROVIDER).build(issuer.privateKey());
            X509Certificate proxy = PemCertificates.convert(builder.build(signer));
            return new ProxyCredential(proxy, keyPair.getPrivate(), issuer.chain());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw DshellException.failure("cannot sign proxy for " + issuer.subject() + ": " + Failures.reason(e), e);
        }
    }

    /** The issuer's name with one more CN, the serial in decimal, as RFC 3820 section 3.4 recommends. */
    private static X500Name subjectFor(X500Name issuer, BigInteger serial) {
        RDN[] issuerRdns = issuer.getRDNs();
        RDN[] rdns = Arrays.copyOf(issuerRdns, issuerRdns.length + 1);
        rdns[issuerRdns.length] = new RDN(BCStyle.CN, new DERPrintableString(serial.toString()));
        return new X500Name(rdns);
    }

    private static DERSequence proxyCertInfo(boolean limited) {
        // ProxyCertInfo ::= SEQUENCE { pCPathLenConstraint OPTIONAL (absent: unlimited), proxyPolicy }
        ASN1EncodableVector policy = new ASN1EncodableVector();
        policy.add(limited ? GridOids.POLICY_LIMITED : GridOids.POLICY_INHERIT_ALL);
        return new DERSequence(new DERSequence(policy));
    }

    private static KeyPair newKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, Bc.RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw DshellException.failure("cannot generate a " + bits + "-bit RSA key: " + Failures.reason(e), e);
        }
    }

    private static String signatureAlgorithm(UserCredential issuer) {
        return "RSA".equals(issuer.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
