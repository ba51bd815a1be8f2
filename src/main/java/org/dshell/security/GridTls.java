package org.dshell.security;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.dshell.core.DshellException;

/**
 * TLS as grid storage expects it: the user's X.509 proxy (proxy certificate and its issuers) is the
 * client credential, the server is trusted only when it chains to a CA in $X509_CERT_DIR. There is
 * no trust-all mode. The context follows the proxy file: a renewed proxy is picked up at the next
 * request, an expired one fails before any byte moves.
 */
public final class GridTls {
    private final Path proxyFile;
    private final Path caDirectory;
    private final Clock clock;
    private Object loadedVersion;
    private SSLContext context;
    private java.time.Instant notAfter;

    public GridTls(Path proxyFile, Path caDirectory, Clock clock) {
        this.proxyFile = proxyFile;
        this.caDirectory = caDirectory;
        this.clock = clock;
    }

    /** From the environment: $X509_USER_PROXY (else /tmp/x509up_u&lt;uid&gt;) and $X509_CERT_DIR. */
    public static GridTls fromEnvironment(Map<String, String> env) {
        return new GridTls(ProxyLocation.resolve(null, env), CertificateDirectory.locate(env), Clock.systemUTC());
    }

    public Path proxyFile() {
        return proxyFile;
    }

    /** The TLS context for the current proxy; a missing, unreadable or expired proxy is a one-line failure. */
    public synchronized SSLContext context() {
        Object version = version();
        if (context == null || !version.equals(loadedVersion)) {
            ProxyCredential proxy = ProxyFiles.read(proxyFile);
            context = build(proxy);
            notAfter = proxy.chain().stream().map(c -> c.getNotAfter().toInstant()).min(java.time.Instant::compareTo).orElseThrow();
            loadedVersion = version;
        }
        if (!clock.instant().isBefore(notAfter)) {
            throw DshellException.failure("proxy " + proxyFile + " expired on " + UtcTime.format(notAfter)
                    + " (make a new one: proxy init)");
        }
        return context;
    }

    private Object version() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(proxyFile, BasicFileAttributes.class);
            return java.util.List.of(attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey()));
        } catch (java.io.IOException e) {
            throw DshellException.failure("no proxy at " + proxyFile + " (make one: proxy init; or set X509_USER_PROXY)");
        }
    }

    private SSLContext build(ProxyCredential proxy) {
        CertificateDirectory trust = CertificateDirectory.load(caDirectory);
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (X509Certificate ca : trust.authorities()) {
                anchors.setCertificateEntry("ca" + i++, ca);
            }
            if (i == 0) {
                throw DshellException.usage("no CA certificates (<hash>.0 files) in " + caDirectory + "; set X509_CERT_DIR");
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new javax.net.ssl.KeyManager[] {new ProxyKeyManager(proxy)}, trustManagers.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw DshellException.failure("cannot set up TLS with proxy " + proxyFile + ": " + Failures.reason(e), e);
        }
    }

    /**
     * Always offers the proxy: grid servers ask for client certificates from their IGTF CAs, which
     * signed the user certificate, not the proxy; the default key manager would then offer nothing.
     */
    private static final class ProxyKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "proxy";
        private final ProxyCredential proxy;

        ProxyKeyManager(ProxyCredential proxy) {
            this.proxy = proxy;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        /** The HTTP client's TLS runs on an SSLEngine, which asks here rather than above. */
        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return proxy.chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return proxy.privateKey();
        }
    }
}
