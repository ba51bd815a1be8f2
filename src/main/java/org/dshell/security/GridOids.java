package org.dshell.security;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Object identifiers of the grid extensions and proxy policies dshell reads and writes. */
final class GridOids {
    /** RFC 3820 ProxyCertInfo. */
    static final ASN1ObjectIdentifier PROXY_CERT_INFO = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.14");
    /** The pre-RFC (GSI-3 draft) ProxyCertInfo that old Globus tools still write. */
    static final ASN1ObjectIdentifier PROXY_CERT_INFO_DRAFT = new ASN1ObjectIdentifier("1.3.6.1.4.1.3536.1.222");
    static final ASN1ObjectIdentifier POLICY_INHERIT_ALL = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.21.1");
    static final ASN1ObjectIdentifier POLICY_INDEPENDENT = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.21.2");
    /** Globus' limited-proxy policy language. */
    static final ASN1ObjectIdentifier POLICY_LIMITED = new ASN1ObjectIdentifier("1.3.6.1.4.1.3536.1.1.1.9");
    /** Where DIRAC keeps the group name of a proxy. */
    static final ASN1ObjectIdentifier DIRAC_GROUP = new ASN1ObjectIdentifier("1.2.42.42");
    /** The VOMS attribute-certificate sequence, and the FQAN attribute inside an AC. */
    static final ASN1ObjectIdentifier VOMS_AC_SEQUENCE = new ASN1ObjectIdentifier("1.3.6.1.4.1.8005.100.100.5");
    static final ASN1ObjectIdentifier VOMS_FQANS = new ASN1ObjectIdentifier("1.3.6.1.4.1.8005.100.100.4");

    private GridOids() {
    }
}
