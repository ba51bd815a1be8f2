package org.dshell.security;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.AttributeCertificate;
import org.bouncycastle.asn1.x509.IetfAttrSyntax;
import org.bouncycastle.asn1.x509.Attribute;

/**
 * The VOMS attributes of a proxy: whether the VOMS extension is there and the FQANs it carries
 * (e.g. "/dteam/Role=NULL/Capability=NULL"). An extension we cannot parse is still reported as present.
 */
public record VomsAttributes(boolean present, List<String> fqans) {
    public static final VomsAttributes NONE = new VomsAttributes(false, List.of());

    public VomsAttributes {
        fqans = List.copyOf(fqans);
    }

    /** The first certificate in the chain that carries VOMS attributes decides; usually the proxy itself. */
    public static VomsAttributes of(List<X509Certificate> chain) {
        for (X509Certificate cert : chain) {
            byte[] value = cert.getExtensionValue(GridOids.VOMS_AC_SEQUENCE.getId());
            if (value != null) {
                return new VomsAttributes(true, fqansIn(value));
            }
        }
        return NONE;
    }

    private static List<String> fqansIn(byte[] extensionValue) {
        List<String> fqans = new ArrayList<>();
        try {
            // SEQUENCE OF SEQUENCE OF AttributeCertificate; each AC has an attribute holding IetfAttrSyntax values.
            ASN1Sequence outer = ASN1Sequence.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extensionValue).getOctets()));
            for (ASN1Encodable acs : outer) {
                for (ASN1Encodable ac : ASN1Sequence.getInstance(acs)) {
                    collect(AttributeCertificate.getInstance(ac), fqans);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return List.of(); // present but unreadable: the caller still says "present"
        }
        return fqans;
    }

    private static void collect(AttributeCertificate ac, List<String> fqans) {
        for (ASN1Encodable element : ac.getAcinfo().getAttributes()) {
            Attribute attribute = Attribute.getInstance(element);
            if (!attribute.getAttrType().equals(GridOids.VOMS_FQANS)) {
                continue;
            }
            for (ASN1Encodable value : attribute.getAttrValues()) {
                for (Object fqan : IetfAttrSyntax.getInstance(value).getValues()) {
                    if (fqan instanceof ASN1OctetString octets) {
                        fqans.add(new String(octets.getOctets(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}
