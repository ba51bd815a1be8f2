package org.dshell.security;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.StringJoiner;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Formats distinguished names the way grid tools print them: OpenSSL's "/C=CH/O=Org/CN=Name". */
public final class DistinguishedName {
    // OpenSSL's short names; BCStyle would print "E" for the e-mail attribute, grid tools print "emailAddress".
    private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.ofEntries(
            Map.entry(BCStyle.C, "C"), Map.entry(BCStyle.ST, "ST"), Map.entry(BCStyle.L, "L"),
            Map.entry(BCStyle.O, "O"), Map.entry(BCStyle.OU, "OU"), Map.entry(BCStyle.CN, "CN"),
            Map.entry(BCStyle.DC, "DC"), Map.entry(BCStyle.UID, "UID"), Map.entry(BCStyle.E, "emailAddress"),
            Map.entry(BCStyle.SERIALNUMBER, "serialNumber"), Map.entry(BCStyle.STREET, "street"),
            Map.entry(BCStyle.T, "title"), Map.entry(BCStyle.GIVENNAME, "GN"), Map.entry(BCStyle.SURNAME, "SN"));

    private DistinguishedName() {
    }

    public static String slashed(X500Principal principal) {
        X500Name name = X500Name.getInstance(principal.getEncoded());
        StringBuilder out = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            StringJoiner multi = new StringJoiner("+");
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                multi.add(NAMES.getOrDefault(atv.getType(), atv.getType().getId()) + "=" + text(atv.getValue()));
            }
            out.append('/').append(multi);
        }
        return out.toString();
    }

    public static String subject(X509Certificate cert) {
        return slashed(cert.getSubjectX500Principal());
    }

    public static String issuer(X509Certificate cert) {
        return slashed(cert.getIssuerX500Principal());
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : value.toString();
    }
}
