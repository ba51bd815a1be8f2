package org.dshell.security;

import java.util.Arrays;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** The naming rule of proxies: a proxy's subject is its issuer's subject plus one single-valued CN. */
final class ProxyNames {
    private ProxyNames() {
    }

    /** The subject with its last RDN removed. */
    static X500Name issuerOf(X500Name proxySubject) {
        RDN[] rdns = proxySubject.getRDNs();
        return new X500Name(Arrays.copyOf(rdns, Math.max(0, rdns.length - 1)));
    }

    static boolean extendsByOneCn(X500Name subject, X500Name issuer) {
        RDN[] rdns = subject.getRDNs();
        if (rdns.length != issuer.getRDNs().length + 1) {
            return false;
        }
        RDN last = rdns[rdns.length - 1];
        return !last.isMultiValued() && last.getFirst().getType().equals(BCStyle.CN)
                && issuerOf(subject).equals(issuer);
    }
}
