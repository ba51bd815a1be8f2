package org.dshell.commands.identity;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.security.ProxyManager;
import org.dshell.security.VerifiedChain;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Verifies a proxy chain against the trusted CAs and their CRLs; a failure names the certificate and the reason. */
@Command(name = "verify", description = "Verify a proxy against the CAs and CRLs in $X509_CERT_DIR (default /etc/grid-security/certificates).",
        footer = {"%nExamples:", "  proxy verify", "  proxy verify /tmp/x509up_u1000"})
public final class ProxyVerifyCommand extends Verb {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Proxy file (default $X509_USER_PROXY, else /tmp/x509up_u<uid>).")
    LocalArg file;

    @Override
    protected int execute() {
        ProxyManager manager = Proxies.manager(ctx);
        Path path = manager.proxyPath(Proxies.local(ctx, file));
        if (!Files.exists(path)) {
            throw DshellException.failure("no proxy at " + path + " (make one with 'proxy init')");
        }
        VerifiedChain chain = manager.verify(path);
        out().printf("%s: OK: %s, %d proxy level%s, trusted by %s%n", path, chain.identity(), chain.proxyDepth(),
                chain.proxyDepth() == 1 ? "" : "s", chain.trustAnchor());
        return 0;
    }
}
