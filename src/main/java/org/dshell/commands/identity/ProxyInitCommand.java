package org.dshell.commands.identity;

import java.nio.file.Path;

import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.config.IdentityResolver;
import org.dshell.core.DshellException;
import org.dshell.security.CredentialFiles;
import org.dshell.security.PassphraseSource;
import org.dshell.security.ProxyInfo;
import org.dshell.security.ProxyManager;
import org.dshell.security.ProxyRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes a proxy from the user's certificate, as dirac-proxy-init and grid-proxy-init do. */
@Command(name = "init", description = "Make a proxy (default 24 h, 2048-bit key) for a DIRAC group from your certificate.",
        footer = {"%nThe certificate is --cert/--key, or --p12, else $X509_USER_CERT/$X509_USER_KEY, else",
            "~/.globus/usercert.pem and userkey.pem (or ~/.globus/usercred.p12). The pass phrase is asked",
            "with a masked prompt, or read as one line of standard input with --pass-stdin. The proxy goes",
            "to --out, else $X509_USER_PROXY, else /tmp/x509up_u<uid>, with mode 600. Without -g the group",
            "is the 'group' setting, else <vo>_user.",
            "%nExamples:", "  proxy init", "  proxy init -g dteam_prod -v 12",
            "  proxy init --p12 ~/mycert.p12 --out /tmp/x509up_test",
            "  dshell -c 'proxy init --pass-stdin' < passfile"})
public final class ProxyInitCommand extends Verb {
    @Option(names = {"-g", "--group"}, paramLabel = "GROUP", description = "DIRAC group to put in the proxy.")
    String group;

    @Option(names = {"-v", "--valid"}, paramLabel = "HOURS", description = "Lifetime in hours (default 24).")
    Integer hours;

    @Option(names = "--cert", paramLabel = "FILE", description = "User certificate (PEM).")
    LocalArg cert;

    @Option(names = "--key", paramLabel = "FILE", description = "User private key (PEM, may be encrypted).")
    LocalArg key;

    @Option(names = "--p12", paramLabel = "FILE", description = "PKCS#12 bundle with certificate and key.")
    LocalArg p12;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the proxy.")
    LocalArg output;

    @Option(names = "--bits", paramLabel = "N", description = "Key size of the proxy (default 2048).")
    Integer bits;

    @Option(names = "--pass-stdin", description = "Read the pass phrase as one line of standard input (batch use).")
    boolean passStdin;

    @Override
    protected int execute() {
        if (p12 != null && (cert != null || key != null)) {
            throw DshellException.usage("--p12 holds certificate and key: give it without --cert or --key");
        }
        String proxyGroup = group != null ? group : IdentityResolver.localIdentity(ctx.settings(), ctx.env()).group();
        ProxyRequest request = ProxyRequest.forGroup(proxyGroup);
        if (hours != null) {
            request = request.withHours(hours);
        }
        if (bits != null) {
            request = request.withKeyBits(bits);
        }
        ProxyManager manager = Proxies.manager(ctx);
        CredentialFiles files = p12 != null
                ? CredentialFiles.pkcs12(Proxies.local(ctx, p12))
                : manager.credentialFiles(Proxies.local(ctx, cert), Proxies.local(ctx, key));
        Path target = Proxies.local(ctx, output);
        ProxyInfo info = manager.init(files, request, passphrases(), target);
        out().println("Proxy created:");
        Proxies.print(out(), info);
        ctx.grid().identity(); // the shell now acts as the new proxy's identity when it is the default one
        return 0;
    }

    /** Asked only when the key is encrypted; the library wipes what it gets. */
    private PassphraseSource passphrases() {
        if (passStdin) {
            return keyFile -> Proxies.readLine(ctx.in());
        }
        return keyFile -> ctx.console().readPassword("Enter pass phrase for " + keyFile + ": ");
    }
}
