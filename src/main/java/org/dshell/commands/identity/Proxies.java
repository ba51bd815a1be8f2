package org.dshell.commands.identity;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dshell.commands.CommandContext;
import org.dshell.commands.LocalArg;
import org.dshell.core.DshellException;
import org.dshell.core.Glob;
import org.dshell.security.ProxyInfo;
import org.dshell.security.ProxyManager;

/** What the proxy verbs share: the ProxyManager built from the context, and how a proxy is shown. */
final class Proxies {
    private Proxies() {
    }

    /** From the verb's environment: ~/.globus is under $HOME (as for the Globus and DIRAC tools), else user.home. */
    static ProxyManager manager(CommandContext ctx) {
        String home = ctx.env().get("HOME");
        Path userHome = Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
        return new ProxyManager(ctx.env(), userHome, Clock.systemUTC());
    }

    /** A local path argument resolved against the local working directory; null when not given. */
    static Path local(CommandContext ctx, LocalArg arg) {
        return arg == null ? null : ctx.session().localPath(Glob.literal(arg.path()));
    }

    /** The fields grid-proxy-info and dirac-proxy-info print, in their order. */
    static void print(PrintWriter out, ProxyInfo info) {
        line(out, "subject", info.subject());
        line(out, "issuer", info.issuer());
        line(out, "identity", info.identity());
        line(out, "type", info.type().description());
        line(out, "strength", info.keyBits() + " bits");
        line(out, "timeleft", info.timeLeftText() + (info.expired() ? " (expired)" : ""));
        line(out, "DIRAC group", info.group() == null ? "(none)" : info.group());
        line(out, "path", info.path().toString());
        if (info.voms().present()) {
            line(out, "VOMS", info.voms().fqans().isEmpty() ? "present (no readable FQAN)" : info.voms().fqans().get(0));
            info.voms().fqans().stream().skip(1).forEach(fqan -> line(out, "", fqan));
        }
    }

    static Map<String, Object> json(ProxyInfo info) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("subject", info.subject());
        fields.put("issuer", info.issuer());
        fields.put("identity", info.identity());
        fields.put("type", info.type().description());
        fields.put("keyBits", info.keyBits());
        fields.put("notAfter", info.notAfter().toString());
        fields.put("timeLeftSeconds", info.timeLeft().getSeconds());
        fields.put("expired", info.expired());
        fields.put("group", info.group());
        fields.put("path", info.path().toString());
        fields.put("voms", info.voms().present() ? info.voms().fqans() : null);
        return fields;
    }

    private static void line(PrintWriter out, String key, String value) {
        out.printf("%-12s: %s%n", key, value);
    }

    /**
     * One line of standard input as the pass phrase, read char by char so that no String copy of it
     * is left for the garbage collector; the caller wipes the array.
     */
    static char[] readLine(Reader in) {
        char[] buffer = new char[64];
        int length = 0;
        try {
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (length == buffer.length) {
                    char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
                    Arrays.fill(buffer, '\0');
                    buffer = bigger;
                }
                buffer[length++] = (char) c;
            }
            if (c == -1 && length == 0) {
                throw DshellException.usage("--pass-stdin: no pass phrase on standard input"
                        + " (when commands come from standard input, use -c or a script file)");
            }
        } catch (IOException e) {
            throw DshellException.failure("cannot read the pass phrase from standard input: " + e.getMessage());
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        char[] passphrase = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        return passphrase;
    }
}
