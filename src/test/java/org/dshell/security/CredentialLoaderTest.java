package org.dshell.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.dshell.core.DshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialLoaderTest {
    private static final TestPki PKI = TestPki.shared();
    private static final PassphraseSource PASS = PassphraseSource.of(TestPki.PASSPHRASE.toCharArray());

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"pkcs1", "pkcs1-enc", "pkcs8", "pkcs8-enc"})
    void loadsEveryPemKeyForm(String form) {
        UserCredential credential = CredentialLoader.load(PKI.pem("alice", form), PASS, Instant.now());
        assertEquals(TestPki.ALICE_DN, credential.subject());
    }

    @Test
    void loadsPkcs12BundleWithItsCaChain() {
        UserCredential credential = CredentialLoader.load(CredentialFiles.pkcs12(PKI.file("alice.p12")), PASS,
                Instant.now());
        assertEquals(TestPki.ALICE_DN, credential.subject());
        assertEquals(2, credential.chain().size());
    }

    @Test
    void unencryptedKeyNeedsNoPassphrase() {
        UserCredential credential = CredentialLoader.load(PKI.pem("alice", "pkcs1"), PassphraseSource.none(),
                Instant.now());
        assertEquals(TestPki.ALICE_DN, credential.subject());
    }

    @Test
    void passphraseIsWipedAfterUse() {
        char[] given = TestPki.PASSPHRASE.toCharArray();
        CredentialLoader.load(PKI.pem("alice", "pkcs8-enc"), file -> given, Instant.now());
        assertArrayEquals(new char[given.length], given);
    }

    @Test
    void wrongPassphraseOnLegacyPkcs1Key() {
        Path key = PKI.file("alice-pkcs1-enc.pem");
        assertFailure("wrong pass phrase for " + key, () -> load(PKI.pem("alice", "pkcs1-enc"), "nope"));
    }

    @Test
    void wrongPassphraseOnPkcs8Key() {
        Path key = PKI.file("alice-pkcs8-enc.pem");
        assertFailure("wrong pass phrase for " + key, () -> load(PKI.pem("alice", "pkcs8-enc"), "nope"));
    }

    @Test
    void wrongPkcs12Password() {
        Path bundle = PKI.file("alice.p12");
        assertFailure("wrong password for PKCS#12 file " + bundle, () -> load(CredentialFiles.pkcs12(bundle), "nope"));
    }

    @Test
    void certificateAndKeyThatDoNotMatch() {
        CredentialFiles files = new CredentialFiles(PKI.file("alicecert.pem"), PKI.file("bob-pkcs1.pem"));
        assertFailure("certificate and private key do not match: " + files.certificate() + " and " + files.key(),
                () -> load(files, TestPki.PASSPHRASE));
    }

    @Test
    void expiredCertificate() {
        DshellException e = assertThrows(DshellException.class, () -> load(PKI.pem("expired", "pkcs8"), ""));
        assertTrue(e.getMessage().matches("certificate .*expiredcert.pem \\(/C=CH/O=Dshell Test/OU=Users/CN=Old Timer\\)"
                + " expired on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"), e.getMessage());
    }

    @Test
    void notYetValidCertificate() {
        DshellException e = assertThrows(DshellException.class, () -> load(PKI.pem("future", "pkcs8"), ""));
        assertTrue(e.getMessage().contains("(/C=CH/O=Dshell Test/OU=Users/CN=Early Bird) is not valid before "),
                e.getMessage());
    }

    @Test
    void refusesKeyReadableByOthers() throws IOException {
        Path key = Files.copy(PKI.file("alice-pkcs1.pem"), tmp.resolve("userkey.pem"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertFailure("private key " + key + " is accessible by group or others (rw-r--r--); run: chmod 600 " + key,
                () -> load(new CredentialFiles(PKI.file("alicecert.pem"), key), ""));
    }

    @Test
    void corruptCertificatePem() throws IOException {
        String pem = Files.readString(PKI.file("alicecert.pem"));
        Path cert = Files.writeString(tmp.resolve("usercert.pem"), pem.replace(pem.substring(100, 140), "!!garbage!!"));
        DshellException e = assertThrows(DshellException.class,
                () -> load(new CredentialFiles(cert, PKI.file("alice-pkcs1.pem")), ""));
        assertTrue(e.getMessage().startsWith("corrupt PEM in " + cert + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void corruptKeyPem() throws IOException {
        Path key = tmp.resolve("userkey.pem");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nnot base64 at all\n-----END RSA PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        DshellException e = assertThrows(DshellException.class,
                () -> load(new CredentialFiles(PKI.file("alicecert.pem"), key), ""));
        assertTrue(e.getMessage().startsWith("corrupt PEM in key " + key), e.getMessage());
    }

    @Test
    void missingCertificateNamesTheFile() {
        Path cert = tmp.resolve("nothere.pem");
        assertFailure("cannot read " + cert + ": no such file or directory",
                () -> load(new CredentialFiles(cert, PKI.file("alice-pkcs1.pem")), ""));
    }

    @Test
    void locatesDefaultsEnvironmentAndExplicitFiles() throws IOException {
        Path home = tmp.resolve("home");
        Path globus = Files.createDirectories(home.resolve(".globus"));
        assertEquals(new CredentialFiles(globus.resolve("usercert.pem"), globus.resolve("userkey.pem")),
                CredentialFiles.locate(null, null, Map.of(), home));
        assertEquals(new CredentialFiles(Path.of("/e/c.pem"), Path.of("/e/k.pem")), CredentialFiles.locate(null, null,
                Map.of("X509_USER_CERT", "/e/c.pem", "X509_USER_KEY", "/e/k.pem"), home));
        assertEquals(new CredentialFiles(Path.of("/x/c.pem"), Path.of("/e/k.pem")),
                CredentialFiles.locate(Path.of("/x/c.pem"), null, Map.of("X509_USER_KEY", "/e/k.pem"), home));
        Files.writeString(globus.resolve("usercred.p12"), "");
        CredentialFiles bundle = CredentialFiles.locate(null, null, Map.of(), home);
        assertTrue(bundle.isPkcs12());
        assertEquals(globus.resolve("usercred.p12"), bundle.certificate());
    }

    private static UserCredential load(CredentialFiles files, String passphrase) {
        return CredentialLoader.load(files, PassphraseSource.of(passphrase.toCharArray()), Instant.now());
    }

    static void assertFailure(String message, org.junit.jupiter.api.function.Executable action) {
        DshellException e = assertThrows(DshellException.class, action);
        assertEquals(message, e.getMessage());
        assertEquals(1, e.exitCode());
    }
}
