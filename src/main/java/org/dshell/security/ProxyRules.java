package org.dshell.security;

import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.dshell.core.DshellException;

/** The RFC 3820 rules that tie a proxy to its issuer, which PKIX does not know. */
final class ProxyRules {
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of(GridOids.PROXY_CERT_INFO.getId(),
            GridOids.PROXY_CERT_INFO_DRAFT.getId(), Extension.keyUsage.getId(), Extension.basicConstraints.getId(),
            Extension.extendedKeyUsage.getId());
    private static final int DIGITAL_SIGNATURE = 0;

    private ProxyRules() {
    }

    static void check(X509Certificate proxy, ProxyType type, X509Certificate issuer) {
        String name = DistinguishedName.subject(proxy);
        X500Name subject = X500Name.getInstance(proxy.getSubjectX500Principal().getEncoded());
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        if (!ProxyNames.extendsByOneCn(subject, issuerName)) {
            throw DshellException.failure("subject mismatch: proxy " + name + " is not its issuer "
                    + DistinguishedName.subject(issuer) + " plus one CN");
        }
        if (proxy.getBasicConstraints() >= 0) {
            throw DshellException.failure("proxy " + name + " claims to be a CA");
        }
        if (issuer.getBasicConstraints() >= 0) {
            throw DshellException.failure("proxy " + name + " was issued by a CA, not by a user certificate");
        }
        boolean[] issuerUsage = issuer.getKeyUsage();
        if (issuerUsage != null && !issuerUsage[DIGITAL_SIGNATURE]) {
            throw DshellException.failure("issuer " + DistinguishedName.subject(issuer)
                    + " may not sign proxies: its key usage lacks digitalSignature");
        }
        Set<String> critical = proxy.getCriticalExtensionOIDs() == null ? Set.of() : proxy.getCriticalExtensionOIDs();
        boolean rfc = type.name().startsWith("RFC");
        if (rfc && !critical.contains(GridOids.PROXY_CERT_INFO.getId())) {
            throw DshellException.failure("proxy " + name + " has a ProxyCertInfo extension that is not critical");
        }
        for (String oid : critical) {
            if (!UNDERSTOOD_CRITICAL.contains(oid)) {
                throw DshellException.failure("proxy " + name + " has an unsupported critical extension " + oid);
            }
        }
        ProxyType issuerType = ProxyType.of(issuer);
        if (issuerType.isLimited() && !type.isLimited()) {
            throw DshellException.failure("proxy " + name + " is a full proxy issued by a limited proxy");
        }
    }
}
