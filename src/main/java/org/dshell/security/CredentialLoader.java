package org.dshell.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dshell.core.DshellException;

/** Loads and checks a user credential: key permissions, pass phrase, key/certificate match, validity. */
public final class CredentialLoader {
    // DIRAC refuses keys others can read; a grid key readable by the group is a key to revoke.
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private CredentialLoader() {
    }

    public static UserCredential load(CredentialFiles files, PassphraseSource passphrases, Instant now) {
        requirePrivate(files.key());
        UserCredential credential = files.isPkcs12()
                ? loadPkcs12(files.certificate(), passphrases)
                : loadPem(files, passphrases);
        KeyMatch.require(credential.certificate(), credential.privateKey(), files.certificate() + " and " + files.key());
        requireValid(credential.certificate(), files.certificate().toString(), now);
        return credential;
    }

    /** Fails unless the certificate is valid at the given time, naming which bound was crossed. */
    static void requireValid(X509Certificate cert, String where, Instant now) {
        Date at = Date.from(now);
        if (at.after(cert.getNotAfter())) {
            throw DshellException.failure("certificate " + where + " (" + DistinguishedName.subject(cert)
                    + ") expired on " + UtcTime.format(cert.getNotAfter()));
        }
        if (at.before(cert.getNotBefore())) {
            throw DshellException.failure("certificate " + where + " (" + DistinguishedName.subject(cert)
                    + ") is not valid before " + UtcTime.format(cert.getNotBefore()));
        }
    }

    static void requirePrivate(Path keyFile) {
        PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
        if (view == null) {
            return; // no POSIX permissions on this file system: nothing to check
        }
        Set<PosixFilePermission> perms;
        try {
            perms = view.readAttributes().permissions();
        } catch (IOException e) {
            throw DshellException.failure("cannot read key " + keyFile + ": " + Failures.reason(e), e);
        }
        if (!Collections.disjoint(perms, TOO_OPEN)) {
            throw DshellException.failure("private key " + keyFile + " is accessible by group or others ("
                    + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + keyFile);
        }
    }

    private static UserCredential loadPem(CredentialFiles files, PassphraseSource passphrases) {
        List<X509Certificate> certs = PemCertificates.read(files.certificate());
        PrivateKey key = PrivateKeyReader.read(files.key(), passphrases);
        return new UserCredential(certs.get(0), key, certs);
    }

    private static UserCredential loadPkcs12(Path bundle, PassphraseSource passphrases) {
        char[] password = passphrases.passphraseFor(bundle);
        try (InputStream in = Files.newInputStream(bundle)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(in, password);
            } catch (IOException e) {
                if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                    throw DshellException.failure("wrong password for PKCS#12 file " + bundle, e);
                }
                throw DshellException.failure("corrupt PKCS#12 file " + bundle + ": " + Failures.reason(e), e);
            }
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new UserCredential(chain.get(0), (PrivateKey) key, chain);
                }
            }
            throw DshellException.failure("no private key in PKCS#12 file " + bundle);
        } catch (IOException e) {
            throw DshellException.failure("cannot read " + bundle + ": " + Failures.reason(e), e);
        } catch (GeneralSecurityException e) {
            throw DshellException.failure("cannot open PKCS#12 file " + bundle + ": " + Failures.reason(e), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
