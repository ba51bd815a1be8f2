package org.dshell.commands.identity;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.dshell.core.format.Json;
import org.dshell.security.ProxyInfo;
import org.dshell.security.ProxyManager;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows a proxy as grid-proxy-info and dirac-proxy-info do; exit 1 when it has expired. */
@Command(name = "info", description = "Show a proxy: subject, identity, type, strength, time left, DIRAC group, VOMS; exit 1 if expired.",
        footer = {"%nExamples:", "  proxy info", "  proxy info /tmp/x509up_u1000 --json"})
public final class ProxyInfoCommand extends Verb {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Proxy file (default $X509_USER_PROXY, else /tmp/x509up_u<uid>).")
    LocalArg file;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    protected int execute() {
        ProxyManager manager = Proxies.manager(ctx);
        Path path = manager.proxyPath(Proxies.local(ctx, file));
        if (!Files.exists(path)) {
            throw DshellException.failure("no proxy at " + path + " (make one with 'proxy init')");
        }
        ProxyInfo info = manager.info(path);
        if (json(json)) {
            Json.print(out(), Proxies.json(info));
        } else {
            Proxies.print(out(), info);
        }
        return info.expired() ? ExitStatus.FAILURE : ExitStatus.OK;
    }
}
