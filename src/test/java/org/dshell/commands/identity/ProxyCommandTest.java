package org.dshell.commands.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;
import org.dshell.core.format.Json;
import org.dshell.security.ExternalTool;
import org.dshell.security.TestPki;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The proxy verbs and whoami in-process, against a real openssl PKI and the Globus tools. */
class ProxyCommandTest {
    private static final TestPki PKI = TestPki.shared();
    private static final String ALICE = "--cert " + PKI.file("alicecert.pem") + " --key " + PKI.file("alice-pkcs1.pem");

    @TempDir
    Path tmp;
    private TestShell shell;

    @BeforeEach
    void setUp() {
        shell = new TestShell(tmp.resolve("dshell"), "localuser").env("X509_CERT_DIR", PKI.certDir.toString());
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    @Test
    void initFromAnEncryptedKeyMakesAProxyThatOpensslAndGlobusAccept() throws IOException {
        String line = "proxy init -g dteam_prod -v 12 --pass-stdin --cert " + PKI.file("alicecert.pem")
                + " --key " + PKI.file("alice-pkcs8-enc.pem");
        TestShell.Result r = shell.run(line, TestPki.PASSPHRASE + "\n");
        assertEquals(0, r.status(), r.err());
        Path proxy = shell.proxyFile();
        assertTrue(r.out().startsWith("Proxy created:\n"), r.out());
        assertTrue(r.out().contains("identity    : " + TestPki.ALICE_DN + "\n"), r.out());
        assertTrue(r.out().contains("DIRAC group : dteam_prod\n"), r.out());
        assertTrue(r.out().contains("path        : " + proxy + "\n"), r.out());
        assertTrue(r.out().matches("(?s).*timeleft    : 1[12]:\\d\\d:\\d\\d\n.*"), r.out());
        assertFalse((r.out() + r.err()).contains(TestPki.PASSPHRASE));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(proxy)));

        String verified = ExternalTool.run(tmp, "openssl", "verify", "-allow_proxy_certs", "-CApath",
                PKI.certDir.toString(), "-untrusted", proxy.toString(), proxy.toString());
        assertEquals(proxy + ": OK\n", verified);
        String info = ExternalTool.run(tmp, Map.of("X509_CERT_DIR", PKI.certDir.toString()), null,
                "grid-proxy-info", "-f", proxy.toString());
        assertTrue(info.contains("identity : " + TestPki.ALICE_DN + "\n"), info);
        assertTrue(info.contains("type     : RFC 3820 compliant impersonation proxy\n"), info);
        assertTrue(info.matches("(?s).*timeleft : 1[12]:\\d\\d:\\d\\d.*"), info);
    }

    @Test
    void whoamiHomeAndCatalogOwnershipFollowTheProxy() {
        assertTrue(shell.run("whoami").out().contains("user:   localuser\n"));
        assertEquals(0, shell.run("mkdir before").status());
        assertEquals("localuser", entry("/dteam/user/l/localuser/before").owner());

        assertEquals(0, shell.run("proxy init -g dteam_prod " + ALICE).status());
        String who = shell.run("whoami").out();
        assertEquals("user:   " + TestPki.ALICE_DN + "\ngroup:  dteam_prod\nvo:     dteam\n"
                + "home:   /dteam/user/a/alicegrid\nsource: proxy " + shell.proxyFile() + "\n", who);
        assertEquals("/dteam/user/a/alicegrid\n", shell.run("pwd").out());
        assertEquals(0, shell.run("mkdir run1").status());
        CatalogEntry run1 = entry("/dteam/user/a/alicegrid/run1");
        assertEquals(TestPki.ALICE_DN, run1.owner());
        assertEquals("dteam_prod", run1.group());
        assertEquals(TestPki.ALICE_DN, entry("/dteam/user/a/alicegrid").owner());

        TestShell.Result destroyed = shell.run("proxy destroy");
        assertEquals("Proxy destroyed: " + shell.proxyFile() + "\n", destroyed.out());
        assertTrue(shell.run("whoami").out().contains("user:   localuser\ngroup:  dteam_user\n"));
        assertEquals("/dteam/user/l/localuser\n", shell.run("pwd").out());
        assertEquals(0, shell.run("mkdir after").status());
        assertEquals("localuser", entry("/dteam/user/l/localuser/after").owner());
        assertEquals("No proxy at " + shell.proxyFile() + "\n", shell.run("proxy destroy").out());
    }

    @Test
    void defaultsAreTheGlobusDirectoryAndTheVoUserGroup() throws IOException {
        Path globus = Files.createDirectories(shell.localDir().resolve(".globus"));
        Files.copy(PKI.file("alicecert.pem"), globus.resolve("usercert.pem"));
        Files.copy(PKI.file("alice-pkcs1.pem"), globus.resolve("userkey.pem"));
        Files.setPosixFilePermissions(globus.resolve("userkey.pem"), PosixFilePermissions.fromString("rw-------"));
        TestShell.Result r = shell.run("proxy init");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("DIRAC group : dteam_user\n"), r.out());
    }

    @Test
    void pkcs12BundlesWorkWhateverTheirName() throws IOException {
        TestShell.Result r = shell.run("proxy init --pass-stdin --p12 " + PKI.file("alice.p12"), TestPki.PASSPHRASE + "\n");
        assertEquals(0, r.status(), r.err());
        Path renamed = Files.copy(PKI.file("alice.p12"), tmp.resolve("bundle.bin"));
        Files.setPosixFilePermissions(renamed, PosixFilePermissions.fromString("rw-------"));
        Path out = tmp.resolve("x509up_p12");
        r = shell.run("proxy init --pass-stdin --p12 " + renamed + " --out " + out, TestPki.PASSPHRASE + "\n");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("identity    : " + TestPki.ALICE_DN + "\n"), r.out());
    }

    @Test
    void aProxyFromGridProxyInitIsReadVerifiedAndActedAs() {
        ExternalTool.run(tmp, Map.of("X509_CERT_DIR", PKI.certDir.toString()), TestPki.PASSPHRASE + "\n",
                "grid-proxy-init", "-q", "-pwstdin", "-cert", PKI.file("alicecert.pem").toString(),
                "-key", PKI.file("alice-pkcs1-enc.pem").toString(), "-out", shell.proxyFile().toString());
        TestShell.Result info = shell.run("proxy info");
        assertEquals(0, info.status(), info.err());
        assertTrue(info.out().contains("type        : RFC 3820 compliant impersonation proxy\n"), info.out());
        assertTrue(info.out().contains("issuer      : " + TestPki.ALICE_DN + "\n"), info.out());
        assertTrue(info.out().contains("DIRAC group : (none)\n"), info.out());
        assertEquals(shell.proxyFile() + ": OK: " + TestPki.ALICE_DN + ", 1 proxy level, trusted by " + TestPki.CA_DN + "\n",
                shell.run("proxy verify").out());
        JsonNode json = parse(shell.run("proxy info --json").out());
        assertEquals(TestPki.ALICE_DN, json.get("identity").asText());
        assertTrue(json.get("group").isNull());
        assertFalse(json.get("expired").asBoolean());
        assertTrue(shell.run("whoami").out().contains("user:   " + TestPki.ALICE_DN + "\ngroup:  dteam_user\n"));
    }

    @Test
    void anExpiredProxyFailsInfoAndVerifyAndIsNotActedAs() {
        PKI.proxy("alice", "dteam_prod", Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMinutes(1),
                shell.proxyFile());
        TestShell.Result info = shell.run("proxy info");
        assertEquals(1, info.status());
        assertTrue(info.out().contains("timeleft    : 0:00:00 (expired)\n"), info.out());
        TestShell.Result verify = shell.run("proxy verify");
        assertEquals(1, verify.status());
        assertTrue(verify.err().matches("proxy: certificate .* expired on .*\n"), verify.err());
        String who = shell.run("whoami").out();
        assertTrue(who.contains("user:   localuser\n"), who);
        assertTrue(who.contains("source: local user (proxy " + shell.proxyFile() + " expired)\n"), who);
    }

    @Test
    void verifySaysWhichCaIsUnknown() {
        PKI.proxy("carol", null, Instant.now(), Duration.ofHours(1), shell.proxyFile());
        TestShell.Result r = shell.run("proxy verify");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("proxy: unknown CA /C=XX/O=Elsewhere/CN=Unknown CA"), r.err());
    }

    @Test
    void infoWithoutAProxySaysHowToMakeOne() {
        TestShell.Result r = shell.run("proxy info");
        assertEquals("proxy: no proxy at " + shell.proxyFile() + " (make one with 'proxy init')\n", r.err());
        assertEquals(1, r.status());
        assertEquals(2, shell.run("proxy").status());
    }

    /** Bad input: one line naming the problem, the library's exit code, no proxy written, no pass phrase shown. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "wrong pass phrase    | --pass-stdin --cert {pki}/alicecert.pem --key {pki}/alice-pkcs8-enc.pem | wrong | 1 | wrong pass phrase for",
        "wrong legacy phrase  | --pass-stdin --cert {pki}/alicecert.pem --key {pki}/alice-pkcs1-enc.pem | wrong | 1 | wrong pass phrase for",
        "key of someone else  | --cert {pki}/alicecert.pem --key {pki}/bob-pkcs1.pem | | 1 | certificate and private key do not match",
        "expired certificate  | --cert {pki}/expiredcert.pem --key {pki}/expired-pkcs8.pem | | 1 | expired on",
        "not yet valid        | --cert {pki}/futurecert.pem --key {pki}/future-pkcs8.pem | | 1 | is not valid before",
        "revoked certificate  | --cert {pki}/bobcert.pem --key {pki}/bob-pkcs1.pem | | 1 | was revoked on",
        "corrupt PEM          | --cert {tmp}/corrupt.pem --key {pki}/alice-pkcs1.pem | | 1 | corrupt PEM in",
        "wrong p12 password   | --pass-stdin --p12 {pki}/alice.p12 | wrong | 1 | wrong password for PKCS#12 file",
        "bad group name       | -g 'dteam user' " + "--cert {pki}/alicecert.pem --key {pki}/alice-pkcs1.pem | | 2 | invalid group name 'dteam user'",
        "unwritable output    | --out {tmp}/plainfile/x509up --cert {pki}/alicecert.pem --key {pki}/alice-pkcs1.pem | | 1 | cannot write proxy to",
        "key others can read  | --cert {pki}/alicecert.pem --key {tmp}/open-key.pem | | 1 | is accessible by group or others",
        "no terminal          | --cert {pki}/alicecert.pem --key {pki}/alice-pkcs8-enc.pem | | 2 | no terminal to ask for a pass phrase",
        "empty stdin          | --pass-stdin --cert {pki}/alicecert.pem --key {pki}/alice-pkcs8-enc.pem | | 2 | no pass phrase on standard input",
        "p12 and cert         | --p12 {pki}/alice.p12 --cert {pki}/alicecert.pem | | 2 | --p12 holds certificate and key"})
    void badInputIsOneClearLineAndWritesNothing(String name, String args, String stdin, int status, String message)
            throws IOException {
        Files.writeString(tmp.resolve("corrupt.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        Files.writeString(tmp.resolve("plainfile"), "a file, not a directory\n");
        Path open = Files.copy(PKI.file("alice-pkcs1.pem"), tmp.resolve("open-key.pem"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        String line = "proxy init " + args.replace("{pki}", PKI.dir.toString()).replace("{tmp}", tmp.toString());

        TestShell.Result r = shell.run(line + "; echo carried on", stdin == null ? "" : stdin + "\n");
        assertEquals("carried on\n", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("proxy: ") && r.err().contains(message), r.err());
        assertEquals(status, shell.run(line, stdin == null ? "" : stdin + "\n").status());
        assertFalse(Files.exists(shell.proxyFile()));
        assertFalse(r.err().contains(TestPki.PASSPHRASE));
    }

    private CatalogEntry entry(String path) {
        return shell.grid().catalog().stat(LfnPath.of(path)).orElseThrow();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
