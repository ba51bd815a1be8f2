package org.dshell.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.dshell.core.DshellException;

/**
 * The trusted CAs and their CRLs from an OpenSSL hashed directory such as /etc/grid-security/certificates:
 * {@code <hash>.0} files are CA certificates, {@code <hash>.r0} files CRLs; signing policies and namespaces are ignored.
 */
public final class CertificateDirectory {
    public static final Path DEFAULT = Path.of("/etc/grid-security/certificates");
    private static final Pattern CA_FILE = Pattern.compile("[0-9a-f]{8}\\.\\d+");
    private static final Pattern CRL_FILE = Pattern.compile("[0-9a-f]{8}\\.r\\d+");

    private final Path directory;
    private final List<X509Certificate> authorities;
    private final List<X509CRL> crls;
    private final List<Path> unreadable;

    private CertificateDirectory(Path directory, List<X509Certificate> authorities, List<X509CRL> crls,
            List<Path> unreadable) {
        this.directory = directory;
        this.authorities = List.copyOf(authorities);
        this.crls = List.copyOf(crls);
        this.unreadable = List.copyOf(unreadable);
    }

    /** $X509_CERT_DIR, else /etc/grid-security/certificates. */
    public static Path locate(Map<String, String> env) {
        String fromEnv = env.get("X509_CERT_DIR");
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT : Path.of(fromEnv);
    }

    public static CertificateDirectory load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw DshellException.failure("CA directory " + directory + " does not exist; set X509_CERT_DIR");
        }
        List<X509Certificate> authorities = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean isCa = CA_FILE.matcher(name).matches();
                if (!isCa && !CRL_FILE.matcher(name).matches()) {
                    continue;
                }
                // One broken file among hundreds of IGTF CAs must not stop verification against the others.
                try (InputStream in = Files.newInputStream(file)) {
                    CertificateFactory factory = CertificateFactory.getInstance("X.509");
                    if (isCa) {
                        for (Certificate c : factory.generateCertificates(in)) {
                            authorities.add((X509Certificate) c);
                        }
                    } else {
                        for (CRL crl : factory.generateCRLs(in)) {
                            crls.add((X509CRL) crl);
                        }
                    }
                } catch (IOException | CertificateException | CRLException e) {
                    unreadable.add(file);
                }
            }
        } catch (IOException e) {
            throw DshellException.failure("cannot list CA directory " + directory + ": " + Failures.reason(e), e);
        }
        return new CertificateDirectory(directory, authorities, crls, unreadable);
    }

    public Path directory() {
        return directory;
    }

    public List<X509Certificate> authorities() {
        return authorities;
    }

    public List<X509CRL> crls() {
        return crls;
    }

    /** Files that looked like CAs or CRLs but could not be parsed. */
    public List<Path> unreadable() {
        return unreadable;
    }

    List<X509Certificate> authoritiesNamed(X500Principal subject) {
        return authorities.stream().filter(ca -> ca.getSubjectX500Principal().equals(subject)).toList();
    }

    List<X509CRL> crlsIssuedBy(X500Principal issuer) {
        return crls.stream().filter(crl -> crl.getIssuerX500Principal().equals(issuer)).toList();
    }
}
