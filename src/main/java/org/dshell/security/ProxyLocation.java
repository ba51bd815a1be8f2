package org.dshell.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dshell.core.DshellException;

/** Decides where the proxy file is: explicit path, else $X509_USER_PROXY, else /tmp/x509up_u&lt;uid&gt;. */
public final class ProxyLocation {
    private ProxyLocation() {
    }

    /** @param explicit the path the user gave, or null */
    public static Path resolve(Path explicit, Map<String, String> env) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.get("X509_USER_PROXY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of("/tmp", "x509up_u" + currentUid());
    }

    /** The real uid of this process, which is what Globus and DIRAC put in the default proxy name. */
    static long currentUid() {
        Long known = uid;
        if (known == null) {
            known = readUid();
            uid = known;
        }
        return known;
    }

    // Looked up once: every verb call asks (the identity follows the proxy file), and the uid never changes.
    private static volatile Long uid;

    private static long readUid() {
        // /proc/self belongs to the process' own uid on Linux; it costs no subprocess.
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return uidFromIdCommand();
        }
    }

    private static long uidFromIdCommand() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (id.waitFor() == 0) {
                return Long.parseLong(out);
            }
            throw DshellException.failure("cannot find the user id: id -u said " + out);
        } catch (IOException | NumberFormatException e) {
            throw DshellException.failure("cannot find the user id; set X509_USER_PROXY: " + Failures.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DshellException.failure("interrupted while finding the user id");
        }
    }
}
