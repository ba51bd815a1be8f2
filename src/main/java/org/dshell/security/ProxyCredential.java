package org.dshell.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A proxy: its certificate, its own private key, and the chain of issuers up to (not including) the CA. */
public record ProxyCredential(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> issuers) {
    public ProxyCredential {
        issuers = List.copyOf(issuers);
    }

    /** The proxy certificate followed by its issuers: the order a chain is verified in. */
    public List<X509Certificate> chain() {
        var all = new java.util.ArrayList<X509Certificate>(issuers.size() + 1);
        all.add(certificate);
        all.addAll(issuers);
        return List.copyOf(all);
    }
}
