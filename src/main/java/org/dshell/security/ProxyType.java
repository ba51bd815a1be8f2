package org.dshell.security;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** The kinds of certificate in a proxy chain, described with the words grid-proxy-info uses. */
public enum ProxyType {
    END_ENTITY("end entity credential"),
    LEGACY("full legacy globus proxy"),
    LEGACY_LIMITED("limited legacy globus proxy"),
    DRAFT_IMPERSONATION("Proxy draft (pre-RFC) compliant impersonation proxy"),
    DRAFT_LIMITED("Proxy draft (pre-RFC) compliant limited proxy"),
    DRAFT_INDEPENDENT("Proxy draft (pre-RFC) compliant independent proxy"),
    DRAFT_RESTRICTED("Proxy draft (pre-RFC) compliant restricted proxy"),
    RFC_IMPERSONATION("RFC 3820 compliant impersonation proxy"),
    RFC_LIMITED("RFC 3820 compliant limited proxy"),
    RFC_INDEPENDENT("RFC 3820 compliant independent proxy"),
    RFC_RESTRICTED("RFC 3820 compliant restricted proxy");

    // A ProxyCertInfo whose policy cannot be read grants nothing we know of: call it restricted.
    private static final ASN1ObjectIdentifier UNREADABLE_POLICY = new ASN1ObjectIdentifier("0.0");

    private final String description;

    ProxyType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean isProxy() {
        return this != END_ENTITY;
    }

    public boolean isLimited() {
        return this == LEGACY_LIMITED || this == DRAFT_LIMITED || this == RFC_LIMITED;
    }

    public static ProxyType of(X509Certificate cert) {
        ASN1ObjectIdentifier rfcPolicy = policyLanguage(cert, GridOids.PROXY_CERT_INFO);
        if (rfcPolicy != null) {
            return byPolicy(rfcPolicy, RFC_IMPERSONATION, RFC_LIMITED, RFC_INDEPENDENT, RFC_RESTRICTED);
        }
        ASN1ObjectIdentifier draftPolicy = policyLanguage(cert, GridOids.PROXY_CERT_INFO_DRAFT);
        if (draftPolicy != null) {
            return byPolicy(draftPolicy, DRAFT_IMPERSONATION, DRAFT_LIMITED, DRAFT_INDEPENDENT, DRAFT_RESTRICTED);
        }
        return legacyType(cert);
    }

    private static ProxyType byPolicy(ASN1ObjectIdentifier policy, ProxyType impersonation, ProxyType limited,
            ProxyType independent, ProxyType restricted) {
        if (policy.equals(GridOids.POLICY_INHERIT_ALL)) {
            return impersonation;
        }
        if (policy.equals(GridOids.POLICY_LIMITED)) {
            return limited;
        }
        return policy.equals(GridOids.POLICY_INDEPENDENT) ? independent : restricted;
    }

    /** GT2 proxies have no extension: their subject is the issuer's plus CN=proxy or CN=limited proxy. */
    private static ProxyType legacyType(X509Certificate cert) {
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        X500Name issuer = X500Name.getInstance(cert.getIssuerX500Principal().getEncoded());
        if (!ProxyNames.extendsByOneCn(subject, issuer)) {
            return END_ENTITY;
        }
        RDN[] rdns = subject.getRDNs();
        String cn = IETFUtils.valueToString(rdns[rdns.length - 1].getFirst().getValue());
        return switch (cn) {
            case "proxy" -> LEGACY;
            case "limited proxy" -> LEGACY_LIMITED;
            default -> END_ENTITY;
        };
    }

    /** The policy language OID inside a ProxyCertInfo extension, or null when there is none. */
    static ASN1ObjectIdentifier policyLanguage(X509Certificate cert, ASN1ObjectIdentifier extension) {
        byte[] value = cert.getExtensionValue(extension.getId());
        if (value == null) {
            return null;
        }
        ASN1Primitive info;
        try {
            info = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets());
        } catch (java.io.IOException | IllegalArgumentException e) {
            return UNREADABLE_POLICY;
        }
        // RFC: SEQUENCE { pathLen INTEGER OPTIONAL, SEQUENCE { language OID, policy OPTIONAL } };
        // the GSI-3 draft puts the policy first and tags the path length, so look for the inner sequence.
        if (info instanceof ASN1Sequence sequence) {
            for (ASN1Encodable element : sequence) {
                ASN1Primitive p = element.toASN1Primitive();
                if (p instanceof ASN1TaggedObject tagged) {
                    p = tagged.getBaseObject().toASN1Primitive();
                }
                if (p instanceof ASN1Sequence policy && policy.size() > 0
                        && policy.getObjectAt(0) instanceof ASN1ObjectIdentifier oid) {
                    return oid;
                }
            }
        }
        return UNREADABLE_POLICY;
    }
}
