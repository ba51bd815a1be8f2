package org.dshell.commands.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dshell.security.ExternalTool;
import org.dshell.security.TestPki;
import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy verbs through the packaged jar in batch mode, checked with openssl and the Globus tools. */
class ProxyIT {
    private static final TestPki PKI = TestPki.shared();

    @TempDir
    Path tmp;
    private Path proxy;

    @BeforeEach
    void setUp() {
        proxy = tmp.resolve("x509up_it");
    }

    private JarProcess dshell() {
        return new JarProcess(tmp.resolve("dshell")).env("X509_USER_PROXY", proxy.toString())
                .env("X509_CERT_DIR", PKI.certDir.toString()).env("HOME", tmp.toString()).env("USER", "localuser").in(tmp);
    }

    @Test
    void batchInitWithThePassPhraseOnStdinThenTheNextStartActsAsTheProxy() {
        String init = "proxy init --pass-stdin -g dteam_prod --cert " + PKI.file("alicecert.pem")
                + " --key " + PKI.file("alice-pkcs8-enc.pem");
        JarProcess.Result r = dshell().run(TestPki.PASSPHRASE + "\n", "-c", init + "; mkdir run1; ls -ld run1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("identity    : " + TestPki.ALICE_DN + "\n"), r.out());
        assertTrue(r.out().contains(TestPki.ALICE_DN + "  dteam_prod"), r.out());
        assertFalse((r.out() + r.err()).contains(TestPki.PASSPHRASE));

        assertEquals(proxy + ": OK\n", ExternalTool.run(tmp, "openssl", "verify", "-allow_proxy_certs",
                "-CApath", PKI.certDir.toString(), "-untrusted", proxy.toString(), proxy.toString()));
        String info = ExternalTool.run(tmp, Map.of(), null, "grid-proxy-info", "-f", proxy.toString());
        assertTrue(info.contains("identity : " + TestPki.ALICE_DN + "\n"), info);

        JarProcess.Result next = dshell().run("", "-c", "whoami; pwd; proxy destroy; whoami");
        assertEquals(0, next.status(), next.err());
        assertTrue(next.out().startsWith("user:   " + TestPki.ALICE_DN + "\ngroup:  dteam_prod\nvo:     dteam\n"
                + "home:   /dteam/user/a/alicegrid\nsource: proxy " + proxy + "\n/dteam/user/a/alicegrid\n"), next.out());
        assertTrue(next.out().endsWith("Proxy destroyed: " + proxy + "\nuser:   localuser\ngroup:  dteam_user\n"
                + "vo:     dteam\nhome:   /dteam/user/l/localuser\nsource: local user\n"), next.out());
    }

    @Test
    void aProxyFromGridProxyInitIsReadAndVerified() {
        ExternalTool.run(tmp, Map.of("X509_CERT_DIR", PKI.certDir.toString()), TestPki.PASSPHRASE + "\n",
                "grid-proxy-init", "-q", "-pwstdin", "-cert", PKI.file("alicecert.pem").toString(),
                "-key", PKI.file("alice-pkcs1-enc.pem").toString(), "-out", proxy.toString());
        JarProcess.Result r = dshell().run("", "-c", "proxy info; proxy verify; whoami --json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("identity    : " + TestPki.ALICE_DN + "\n"), r.out());
        assertTrue(r.out().contains(proxy + ": OK: " + TestPki.ALICE_DN + ", 1 proxy level, trusted by "
                + TestPki.CA_DN + "\n"), r.out());
        assertTrue(r.out().contains("\"user\" : \"" + TestPki.ALICE_DN + "\""), r.out());
    }

    @Test
    void badInputInAScriptIsOneLineEachAndKeepGoingRunsTheRest() throws IOException {
        Path plain = Files.writeString(tmp.resolve("plain"), "not a directory\n");
        String alice = " --cert " + PKI.file("alicecert.pem") + " --key " + PKI.file("alice-pkcs1.pem");
        Path script = Files.writeString(tmp.resolve("bad.dsh"), String.join("\n",
                "proxy init --pass-stdin --cert " + PKI.file("alicecert.pem") + " --key " + PKI.file("alice-pkcs8-enc.pem"),
                "proxy init --cert " + PKI.file("bobcert.pem") + " --key " + PKI.file("bob-pkcs1.pem"),
                "proxy init -g 'dteam user'" + alice,
                "proxy init --out " + plain + "/x509up" + alice,
                "echo still here",
                "whoami") + "\n");
        JarProcess.Result r = dshell().run("not the pass phrase\n", "--keep-going", script.toString());
        assertEquals(1, r.status());
        List<String> errors = r.err().lines().toList();
        assertEquals(4, errors.size(), r.err());
        assertTrue(errors.get(0).matches(".*bad.dsh: line 1: proxy .*: wrong pass phrase for .*alice-pkcs8-enc.pem"), errors.get(0));
        assertTrue(errors.get(1).matches(".*bad.dsh: line 2: proxy .*: certificate .*Bob Revoked.* was revoked on .*"), errors.get(1));
        assertTrue(errors.get(2).matches(".*bad.dsh: line 3: proxy .*: invalid group name 'dteam user'.*"), errors.get(2));
        assertTrue(errors.get(3).matches(".*bad.dsh: line 4: proxy .*: cannot write proxy to .*"), errors.get(3));
        assertTrue(r.out().startsWith("still here\nuser:   localuser\n"), r.out());
        assertFalse(Files.exists(proxy));
    }
}
