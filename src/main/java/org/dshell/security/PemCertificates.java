package org.dshell.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.dshell.core.DshellException;

/** Reads the certificates, in file order, out of a PEM file such as a usercert or a proxy. */
public final class PemCertificates {
    // The JDK's own certificate objects: every TLS request reads the proxy, and constructing Bouncy
    // Castle's provider (hundreds of algorithm registrations) cost a one-shot command about 0.3 s.
    private static final JcaX509CertificateConverter CONVERTER = new JcaX509CertificateConverter();

    private PemCertificates() {
    }

    /** All certificates in the file; fails if there is none or the PEM is damaged. */
    public static List<X509Certificate> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw DshellException.failure("cannot read " + file + ": " + Failures.reason(e), e);
        }
        return parse(new StringReader(text), file.toString());
    }

    static List<X509Certificate> parse(Reader pem, String source) {
        List<X509Certificate> certs = new ArrayList<>();
        try (PEMParser parser = new PEMParser(pem)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certs.add(CONVERTER.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw DshellException.failure("corrupt PEM in " + source + ": " + Failures.reason(e), e);
        }
        if (certs.isEmpty()) {
            throw DshellException.failure("no certificate found in " + source);
        }
        return certs;
    }

    static X509Certificate convert(X509CertificateHolder holder) throws CertificateException {
        return CONVERTER.getCertificate(holder);
    }
}
