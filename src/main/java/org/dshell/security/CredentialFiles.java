package org.dshell.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a user credential lives: a certificate and key pair of PEM files, or one PKCS#12 bundle.
 *
 * @param pkcs12 whether {@code certificate} (and {@code key}, the same file) is a PKCS#12 bundle
 */
public record CredentialFiles(Path certificate, Path key, boolean pkcs12) {

    /** A pair of files; a {@code .p12} or {@code .pfx} certificate file is taken as a PKCS#12 bundle. */
    public CredentialFiles(Path certificate, Path key) {
        this(certificate, key, hasBundleName(certificate));
    }

    /** A PKCS#12 bundle holds certificate and key in one file, given as both fields, whatever its name ({@code --p12}). */
    public static CredentialFiles pkcs12(Path bundle) {
        return new CredentialFiles(bundle, bundle, true);
    }

    public boolean isPkcs12() {
        return pkcs12;
    }

    private static boolean hasBundleName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    /**
     * Resolves the files the way Globus and DIRAC do: explicit paths (null when not given), then
     * X509_USER_CERT / X509_USER_KEY, then ~/.globus/usercert.pem and userkey.pem, then
     * ~/.globus/usercred.p12.
     */
    public static CredentialFiles locate(Path explicitCert, Path explicitKey, Map<String, String> env, Path home) {
        Path globus = home.resolve(".globus");
        Path cert = firstOf(explicitCert, env.get("X509_USER_CERT"), globus.resolve("usercert.pem"));
        if (explicitCert == null && !env.containsKey("X509_USER_CERT") && !Files.exists(cert)
                && Files.exists(globus.resolve("usercred.p12"))) {
            return pkcs12(globus.resolve("usercred.p12"));
        }
        if (new CredentialFiles(cert, cert).isPkcs12() && explicitKey == null) {
            return pkcs12(cert);
        }
        Path key = firstOf(explicitKey, env.get("X509_USER_KEY"), globus.resolve("userkey.pem"));
        return new CredentialFiles(cert, key);
    }

    private static Path firstOf(Path explicit, String fromEnv, Path fallback) {
        if (explicit != null) {
            return explicit;
        }
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return fallback;
    }
}
