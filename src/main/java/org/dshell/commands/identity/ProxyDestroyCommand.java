package org.dshell.commands.identity;

import java.nio.file.Path;

import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.security.ProxyManager;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Removes the proxy file; no proxy is no error, so scripts can always call it. */
@Command(name = "destroy", description = "Remove the proxy file; dshell then acts as the local user.",
        footer = {"%nExamples:", "  proxy destroy", "  proxy destroy /tmp/x509up_test"})
public final class ProxyDestroyCommand extends Verb {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Proxy file (default $X509_USER_PROXY, else /tmp/x509up_u<uid>).")
    LocalArg file;

    @Override
    protected int execute() {
        ProxyManager manager = Proxies.manager(ctx);
        Path path = manager.proxyPath(Proxies.local(ctx, file));
        out().println(manager.destroy(path) ? "Proxy destroyed: " + path : "No proxy at " + path);
        ctx.grid().identity(); // back to the local identity when that was the proxy dshell used
        return 0;
    }
}
