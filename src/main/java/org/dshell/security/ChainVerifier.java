package org.dshell.security;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.dshell.core.DshellException;

/**
 * Verifies a proxy or user certificate chain against a {@link CertificateDirectory}. Done by hand rather
 * than with PKIX, which rejects proxy certificates; every failure names the certificate and the reason.
 */
public final class ChainVerifier {
    // Real grid hierarchies are at most three or four CAs deep; this only stops a loop in a broken directory.
    private static final int MAX_CA_DEPTH = 10;

    private final CertificateDirectory trust;

    public ChainVerifier(CertificateDirectory trust) {
        this.trust = trust;
    }

    /** Verifies a proxy file's chain and that its private key belongs to its certificate. */
    public VerifiedChain verify(ProxyCredential proxy, Instant now) {
        if (!KeyMatch.matches(proxy.certificate().getPublicKey(), proxy.privateKey())) {
            throw DshellException.failure("key mismatch: the private key does not belong to proxy "
                    + DistinguishedName.subject(proxy.certificate()));
        }
        return verify(proxy.chain(), now);
    }

    /** Verifies a chain given leaf first (proxies, then the user certificate, then any intermediate CAs). */
    public VerifiedChain verify(List<X509Certificate> chain, Instant now) {
        int proxies = 0;
        boolean endEntitySeen = false;
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            requireValidAt(cert, now);
            ProxyType type = ProxyType.of(cert);
            if (type.isProxy()) {
                if (endEntitySeen) {
                    throw DshellException.failure("proxy " + DistinguishedName.subject(cert)
                            + " appears after the user certificate in the chain");
                }
                proxies++;
                if (i + 1 == chain.size()) {
                    throw DshellException.failure("incomplete chain: the issuer " + DistinguishedName.issuer(cert)
                            + " of proxy " + DistinguishedName.subject(cert) + " is missing");
                }
                ProxyRules.check(cert, type, chain.get(i + 1));
            } else {
                endEntitySeen = true;
            }
            if (i + 1 < chain.size()) {
                requireSignedBy(cert, chain.get(i + 1));
                if (!type.isProxy()) {
                    requireCa(chain.get(i + 1), cert);
                    requireNotRevoked(cert, chain.get(i + 1), now);
                }
            }
        }
        X509Certificate anchor = anchor(chain.get(chain.size() - 1), now);
        return new VerifiedChain(ProxyInspector.identity(chain), DistinguishedName.subject(anchor), proxies);
    }

    /** Climbs from the last certificate of the chain through the directory to a self-signed trusted CA. */
    private X509Certificate anchor(X509Certificate last, Instant now) {
        X509Certificate current = last;
        for (int depth = 0; depth < MAX_CA_DEPTH; depth++) {
            if (isSelfSigned(current)) {
                if (!trust.authorities().contains(current)) {
                    throw DshellException.failure("unknown CA " + DistinguishedName.subject(current)
                            + ": not in " + trust.directory());
                }
                return current;
            }
            List<X509Certificate> candidates = trust.authoritiesNamed(current.getIssuerX500Principal());
            if (candidates.isEmpty()) {
                throw DshellException.failure("unknown CA " + DistinguishedName.issuer(current) + " (issuer of "
                        + DistinguishedName.subject(current) + "): not in " + trust.directory());
            }
            X509Certificate issued = current;
            X509Certificate issuer = candidates.stream().filter(ca -> signedBy(issued, ca.getPublicKey()))
                    .findFirst().orElseThrow(() -> badSignature(issued));
            requireValidAt(issuer, now);
            requireCa(issuer, current);
            requireNotRevoked(current, issuer, now);
            current = issuer;
        }
        throw DshellException.failure("CA chain above " + DistinguishedName.subject(last) + " is too long or loops");
    }

    private void requireNotRevoked(X509Certificate cert, X509Certificate issuer, Instant now) {
        for (X509CRL crl : trust.crlsIssuedBy(issuer.getSubjectX500Principal())) {
            try {
                crl.verify(issuer.getPublicKey(), Bc.PROVIDER);
            } catch (GeneralSecurityException e) {
                continue; // a CRL not signed by this CA says nothing about its certificates
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert);
            if (entry != null && !entry.getRevocationDate().after(Date.from(now))) {
                throw DshellException.failure("certificate " + DistinguishedName.subject(cert) + " (serial "
                        + cert.getSerialNumber() + ") was revoked on " + UtcTime.format(entry.getRevocationDate())
                        + " by " + DistinguishedName.subject(issuer));
            }
        }
    }

    static void requireValidAt(X509Certificate cert, Instant now) {
        Date at = Date.from(now);
        if (at.after(cert.getNotAfter())) {
            throw DshellException.failure("certificate " + DistinguishedName.subject(cert) + " expired on "
                    + UtcTime.format(cert.getNotAfter()));
        }
        if (at.before(cert.getNotBefore())) {
            throw DshellException.failure("certificate " + DistinguishedName.subject(cert) + " is not valid before "
                    + UtcTime.format(cert.getNotBefore()));
        }
    }

    private static void requireSignedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw DshellException.failure("issuer mismatch: " + DistinguishedName.subject(cert) + " names issuer "
                    + DistinguishedName.issuer(cert) + " but the next certificate is "
                    + DistinguishedName.subject(issuer));
        }
        if (!signedBy(cert, issuer.getPublicKey())) {
            throw badSignature(cert);
        }
    }

    private static void requireCa(X509Certificate ca, X509Certificate issued) {
        if (ca.getBasicConstraints() < 0 && !isSelfSigned(ca)) {
            throw DshellException.failure(DistinguishedName.subject(ca) + " is not a CA but issued "
                    + DistinguishedName.subject(issued));
        }
    }

    private static DshellException badSignature(X509Certificate cert) {
        return DshellException.failure("bad signature on " + DistinguishedName.subject(cert)
                + ": not signed by " + DistinguishedName.issuer(cert));
    }

    private static boolean isSelfSigned(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                && signedBy(cert, cert.getPublicKey());
    }

    private static boolean signedBy(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key, Bc.PROVIDER);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
