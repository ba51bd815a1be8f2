package org.dshell.security;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.dshell.core.DshellException;

/** Writes, reads and removes proxy files in the Globus layout: proxy certificate, its key, then the issuers. */
public final class ProxyFiles {
    private ProxyFiles() {
    }

    /** Writes atomically with mode 600: readers never see half a proxy, and the key is never world-readable. */
    public static void write(ProxyCredential proxy, Path target) {
        String pem = toPem(proxy);
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | UnsupportedOperationException e) {
            throw DshellException.failure("cannot write proxy to " + target + ": " + Failures.reason(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Reads a proxy file; its unencrypted key is required, as every proxy file has one. */
    public static ProxyCredential read(Path file) {
        List<X509Certificate> certs = PemCertificates.read(file);
        CredentialLoader.requirePrivate(file);
        PrivateKey key = PrivateKeyReader.read(file, PassphraseSource.none());
        return new ProxyCredential(certs.get(0), key, certs.subList(1, certs.size()));
    }

    /** Removes the proxy file; returns false when there was none. */
    public static boolean destroy(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw DshellException.failure("cannot remove proxy " + file + ": " + Failures.reason(e), e);
        }
    }

    static String toPem(ProxyCredential proxy) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(proxy.certificate());
            // BC writes an RSA key as PKCS#1 "RSA PRIVATE KEY", the only form old Globus clients read.
            pem.writeObject(proxy.privateKey());
            for (X509Certificate issuer : proxy.issuers()) {
                pem.writeObject(issuer);
            }
        } catch (IOException e) {
            throw DshellException.failure("cannot encode proxy: " + Failures.reason(e), e);
        }
        return out.toString();
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original error is the one worth reporting
            }
        }
    }
}
