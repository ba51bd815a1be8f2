package org.dshell.security;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/** Describes a proxy: who it stands for, what kind it is, how long it lasts, which group and VOMS roles it carries. */
public final class ProxyInspector {
    private ProxyInspector() {
    }

    /** Reads the proxy file and describes it. */
    public static ProxyInfo inspect(Path file, Instant now) {
        return inspect(ProxyFiles.read(file), file, now);
    }

    public static ProxyInfo inspect(ProxyCredential proxy, Path path, Instant now) {
        X509Certificate cert = proxy.certificate();
        List<X509Certificate> chain = proxy.chain();
        Instant notAfter = cert.getNotAfter().toInstant();
        Duration left = now.isBefore(notAfter) ? Duration.between(now, notAfter).withNanos(0) : Duration.ZERO;
        return new ProxyInfo(path, DistinguishedName.subject(cert), DistinguishedName.issuer(cert),
                identity(chain), ProxyType.of(cert), keyBits(cert.getPublicKey()), notAfter, left,
                group(chain), VomsAttributes.of(chain));
    }

    /** The user's DN: the subject of the first certificate in the chain that is not a proxy. */
    public static String identity(List<X509Certificate> chain) {
        for (X509Certificate cert : chain) {
            if (!ProxyType.of(cert).isProxy()) {
                return DistinguishedName.subject(cert);
            }
        }
        // A chain of proxies only (issuer not included): the last proxy's issuer is the user.
        return DistinguishedName.issuer(chain.get(chain.size() - 1));
    }

    /** The DIRAC group, from the newest certificate in the chain that has one (a delegated proxy inherits it). */
    static String group(List<X509Certificate> chain) {
        for (X509Certificate cert : chain) {
            byte[] value = cert.getExtensionValue(GridOids.DIRAC_GROUP.getId());
            if (value != null) {
                try {
                    ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets());
                    if (inner instanceof ASN1String text) {
                        return text.getString();
                    }
                } catch (java.io.IOException | IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        return 0;
    }
}
