package org.dshell.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A small real PKI made with openssl, built once per test run: a CA with a hashed directory and a CRL,
 * users with keys in every supported form, and certificates that are expired, not yet valid, revoked,
 * from an unknown CA, or signed by an impostor of the trusted CA.
 */
public final class TestPki {
    public static final String PASSPHRASE = "grid secret";
    public static final String CA_DN = "/C=CH/O=Dshell Test/CN=Dshell Test CA";
    public static final String ALICE_DN = "/C=CH/O=Dshell Test/OU=Users/CN=Alice Grid";
    public static final String BOB_DN = "/C=CH/O=Dshell Test/OU=Users/CN=Bob Revoked";
    private static final DateTimeFormatter CA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static TestPki shared;

    public final Path dir;
    public final Path caCert;
    public final Path certDir;

    private TestPki(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.certDir = dir.resolve("certificates");
    }

    /** Key generation is the slow part, so every test class shares one PKI; it is deleted when the JVM exits. */
    public static synchronized TestPki shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("dshell-pki");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                shared = new TestPki(dir);
                shared.build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public CredentialFiles pem(String user, String keyForm) {
        return new CredentialFiles(file(user + "cert.pem"), file(user + "-" + keyForm + ".pem"));
    }

    private void build() throws IOException {
        Files.createDirectories(dir.resolve("newcerts"));
        Files.createDirectories(certDir);
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve("crlnumber"), "1000\n");
        Files.writeString(dir.resolve("ca.cnf"), caConfig());
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "60", "-subj", CA_DN);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        issue("alice", ALICE_DN, now.minus(1, ChronoUnit.HOURS), now.plus(30, ChronoUnit.DAYS));
        issue("bob", BOB_DN, now.minus(1, ChronoUnit.HOURS), now.plus(30, ChronoUnit.DAYS));
        issue("expired", "/C=CH/O=Dshell Test/OU=Users/CN=Old Timer", now.minus(40, ChronoUnit.DAYS),
                now.minus(10, ChronoUnit.DAYS));
        issue("future", "/C=CH/O=Dshell Test/OU=Users/CN=Early Bird", now.plus(10, ChronoUnit.DAYS),
                now.plus(40, ChronoUnit.DAYS));
        openssl("ca", "-batch", "-config", "ca.cnf", "-revoke", "bobcert.pem");
        String hash = openssl("x509", "-hash", "-noout", "-in", "ca.pem").strip();
        Files.copy(caCert, certDir.resolve(hash + ".0"));
        openssl("ca", "-batch", "-config", "ca.cnf", "-gencrl", "-out", "certificates/" + hash + ".r0");
        // Files a real IGTF directory also has, which must be ignored.
        Files.writeString(certDir.resolve(hash + ".signing_policy"), "access_id_CA X509 '" + CA_DN + "'\n"
                + "pos_rights globus CA:sign\ncond_subjects globus '\"/C=CH/O=Dshell Test/*\"'\n");
        Files.writeString(certDir.resolve(hash + ".namespaces"), "TO Issuer \"" + CA_DN + "\" PERMIT Subject \".*\"\n");
        keyForms("alice");
        openssl("pkcs12", "-export", "-in", "alicecert.pem", "-inkey", "alice-pkcs8.pem", "-certfile", "ca.pem",
                "-passout", "pass:" + PASSPHRASE, "-out", "alice.p12");
        privateMode("alice.p12");
        keyForms("bob");
        strangers();
    }

    /** An unknown CA with its own user, and an impostor CA that copies the trusted CA's name. */
    private void strangers() throws IOException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem",
                "-days", "60", "-subj", "/C=XX/O=Elsewhere/CN=Unknown CA");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "impostor-ca.key", "-out",
                "impostor-ca.pem", "-days", "60", "-subj", CA_DN);
        for (String[] stranger : new String[][] {{"carol", "other-ca"}, {"mallory", "impostor-ca"}}) {
            String user = stranger[0];
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", user + "-pkcs8.pem", "-out", user + ".csr",
                    "-subj", "/C=CH/O=Dshell Test/OU=Users/CN=" + user);
            openssl("x509", "-req", "-in", user + ".csr", "-CA", stranger[1] + ".pem", "-CAkey", stranger[1] + ".key",
                    "-set_serial", "77", "-days", "20", "-extfile", "ca.cnf", "-extensions", "usr_cert",
                    "-out", user + "cert.pem");
            privateMode(user + "-pkcs8.pem");
        }
    }

    private void issue(String user, String dn, Instant start, Instant end) {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", user + "-pkcs8.pem", "-out", user + ".csr",
                "-subj", dn);
        openssl("ca", "-batch", "-config", "ca.cnf", "-notext", "-preserveDN", "-in", user + ".csr",
                "-startdate", CA_TIME.format(start), "-enddate", CA_TIME.format(end), "-out", user + "cert.pem");
        privateMode(user + "-pkcs8.pem");
    }

    /** The same key as unencrypted PKCS#1, legacy-encrypted PKCS#1, and encrypted PKCS#8. */
    private void keyForms(String user) {
        String plain = user + "-pkcs8.pem";
        openssl("rsa", "-in", plain, "-traditional", "-out", user + "-pkcs1.pem");
        openssl("rsa", "-in", plain, "-traditional", "-aes256", "-passout", "pass:" + PASSPHRASE,
                "-out", user + "-pkcs1-enc.pem");
        openssl("pkcs8", "-topk8", "-in", plain, "-v2", "aes-256-cbc", "-passout", "pass:" + PASSPHRASE,
                "-out", user + "-pkcs8-enc.pem");
        for (String form : new String[] {"pkcs1", "pkcs1-enc", "pkcs8-enc"}) {
            privateMode(user + "-" + form + ".pem");
        }
    }

    private String caConfig() {
        return """
                [ ca ]
                default_ca = test_ca
                [ test_ca ]
                dir = %s
                database = $dir/index.txt
                new_certs_dir = $dir/newcerts
                certificate = $dir/ca.pem
                private_key = $dir/ca.key
                serial = $dir/serial
                crlnumber = $dir/crlnumber
                default_md = sha256
                default_days = 30
                default_crl_days = 30
                policy = policy_any
                unique_subject = no
                x509_extensions = usr_cert
                [ policy_any ]
                countryName = optional
                organizationName = optional
                organizationalUnitName = optional
                commonName = supplied
                [ usr_cert ]
                basicConstraints = CA:FALSE
                keyUsage = critical, digitalSignature, keyEncipherment, dataEncipherment
                """.formatted(dir);
    }

    /**
     * A server certificate for localhost (and 127.0.0.1) signed by the test CA, as {@code NAME.pem}
     * and {@code NAME.key}; returns the certificate, the key is beside it.
     */
    public Path localhostCertificate(String name, int serial) {
        try {
            Files.writeString(file(name + ".ext"),
                    "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                            + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/C=CH/O=Dshell Test/CN=localhost");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", Integer.toString(serial),
                "-days", "5", "-extfile", name + ".ext", "-out", name + ".pem");
        return file(name + ".pem");
    }

    public String openssl(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        return ExternalTool.run(dir, command);
    }

    /**
     * A proxy of {@code user}'s unencrypted key made as if at {@code madeAt}, for proxies the verbs would
     * refuse to make (already expired) or from certificates they would refuse (an unknown CA).
     */
    public Path proxy(String user, String group, Instant madeAt, java.time.Duration lifetime, Path out) {
        UserCredential credential = CredentialLoader.load(pem(user, "pkcs8"), PassphraseSource.none(), madeAt);
        ProxyFiles.write(ProxyFactory.create(credential, new ProxyRequest(group, lifetime, 2048, false), madeAt), out);
        return out;
    }

    void privateMode(String name) {
        try {
            Files.setPosixFilePermissions(file(name), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
