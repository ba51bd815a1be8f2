package org.dshell.config;

import java.util.Map;

import org.dshell.core.DshellException;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;

/**
 * Works out who dshell acts as. Without a valid proxy: the user from settings, else the login name;
 * the group from settings, else {@code <vo>_user}. With one: the proxy's DN, and its DIRAC group (else
 * the same default group); see {@link IdentitySource}. The VO always comes from settings.
 */
public final class IdentityResolver {
    private IdentityResolver() {
    }

    public static Identity localIdentity(Settings settings, Map<String, String> env) {
        String vo = settings.get("vo", "dteam");
        if (!vo.matches("[A-Za-z0-9_.-]+")) {
            throw DshellException.usage(settings.file() + ": vo must be letters, digits, '_', '-', '.', not '" + vo + "'");
        }
        String fallbackUser = env.getOrDefault("USER", System.getProperty("user.name", "user"));
        String user = settings.get("user", fallbackUser);
        String group = settings.get("group", vo + "_user");
        return new Identity(user, group, vo, "local user");
    }

    /** DIRAC's user home convention: {@code /<vo>/user/<initial>/<name>}; a DN's name comes from its first CN. */
    public static LfnPath homeOf(Identity identity) {
        String name = isDn(identity.user()) ? nameFromDn(identity.user(), "user") : identity.user();
        return homeNamed(identity.vo(), name);
    }

    /**
     * The home with the user name DIRAC's registry would give. Without a registry: settings {@code user}
     * when set (your DIRAC user name), else for a DN the first CN lower-cased with everything but letters
     * and digits removed ({@code /C=CH/O=Org/CN=Alice Grid} is {@code alicegrid}).
     */
    public static LfnPath homeOf(Identity identity, Settings settings) {
        if (!isDn(identity.user())) {
            return homeOf(identity);
        }
        String fallback = nameFromDn(identity.user(), System.getProperty("user.name", "user"));
        return homeNamed(identity.vo(), settings.get("user", fallback));
    }

    /** The identity of a proxy: its DN, its group or else the local default group, the local VO. */
    public static Identity proxyIdentity(String dn, String proxyGroup, Identity local, String source) {
        return new Identity(dn, proxyGroup != null ? proxyGroup : local.group(), local.vo(), source);
    }

    static boolean isDn(String user) {
        return user.startsWith("/");
    }

    /** The first CN of a slash-form DN, lower-cased, letters and digits only; {@code fallback} when that is empty. */
    public static String nameFromDn(String dn, String fallback) {
        for (String part : dn.split("/")) {
            for (String attribute : part.split("\\+")) {
                if (attribute.startsWith("CN=")) {
                    String name = attribute.substring(3).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
                    return name.isEmpty() ? fallback : name;
                }
            }
        }
        return fallback;
    }

    private static LfnPath homeNamed(String vo, String user) {
        String name = user.replaceAll("[^A-Za-z0-9_.-]", "_");
        return LfnPath.ROOT.resolve("/" + vo + "/user/" + name.substring(0, 1).toLowerCase() + "/" + name);
    }
}
