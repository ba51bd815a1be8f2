package org.dshell.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the {@code proxy init/info/verify/destroy} verbs call. Built from the environment, the home
 * directory and a clock, so tests never touch the real ~/.globus, /tmp proxy or time.
 */
public final class ProxyManager {
    private final Map<String, String> env;
    private final Path home;
    private final Clock clock;

    public ProxyManager(Map<String, String> env, Path home, Clock clock) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.clock = clock;
    }

    /** The proxy file a verb works on: the given path (may be null), else $X509_USER_PROXY, else /tmp/x509up_u&lt;uid&gt;. */
    public Path proxyPath(Path explicit) {
        return ProxyLocation.resolve(explicit, env);
    }

    /** The user credential files: given paths (may be null), else $X509_USER_CERT/KEY, else ~/.globus. */
    public CredentialFiles credentialFiles(Path cert, Path key) {
        return CredentialFiles.locate(cert, key, env, home);
    }

    /**
     * Makes a proxy and writes it. When the CA directory exists the user certificate is verified first,
     * so a revoked or untrusted certificate fails here rather than at the first grid call; nothing is
     * written on any failure.
     */
    public ProxyInfo init(CredentialFiles files, ProxyRequest request, PassphraseSource passphrases, Path output) {
        UserCredential user = CredentialLoader.load(files, passphrases, clock.instant());
        Path caDir = CertificateDirectory.locate(env);
        if (Files.isDirectory(caDir)) {
            new ChainVerifier(CertificateDirectory.load(caDir)).verify(user.chain(), clock.instant());
        }
        ProxyCredential proxy = ProxyFactory.create(user, request, clock.instant());
        Path target = proxyPath(output);
        ProxyFiles.write(proxy, target);
        return ProxyInspector.inspect(proxy, target, clock.instant());
    }

    public ProxyInfo info(Path proxyFile) {
        return ProxyInspector.inspect(proxyPath(proxyFile), clock.instant());
    }

    /** Verifies the proxy against $X509_CERT_DIR (default /etc/grid-security/certificates). */
    public VerifiedChain verify(Path proxyFile) {
        CertificateDirectory trust = CertificateDirectory.load(CertificateDirectory.locate(env));
        return new ChainVerifier(trust).verify(ProxyFiles.read(proxyPath(proxyFile)), clock.instant());
    }

    /** Deletes the proxy file; false when there was none. */
    public boolean destroy(Path proxyFile) {
        return ProxyFiles.destroy(proxyPath(proxyFile));
    }
}
