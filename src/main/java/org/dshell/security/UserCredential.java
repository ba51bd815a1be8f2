package org.dshell.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A user's long-lived grid credential: the certificate, its private key, and the certificates
 * that came with it (intermediate CAs from a PKCS#12 bundle, or a proxy's own issuers).
 */
public record UserCredential(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {
    public UserCredential {
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("chain must start with the certificate");
        }
    }

    public String subject() {
        return DistinguishedName.subject(certificate);
    }
}
