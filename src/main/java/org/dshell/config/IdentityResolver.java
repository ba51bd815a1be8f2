package org.dshell.config;

import java.util.Map;

import org.dshell.core.DshellException;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;

/**
 * Works out who dshell acts as without a proxy: the user from settings, else the login name;
 * the group from settings, else {@code <vo>_user}.
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

    /** DIRAC's user home convention: {@code /<vo>/user/<initial>/<name>}. */
    public static LfnPath homeOf(Identity identity) {
        String name = identity.user().replaceAll("[^A-Za-z0-9_.-]", "_");
        return LfnPath.ROOT.resolve("/" + identity.vo() + "/user/" + name.substring(0, 1).toLowerCase() + "/" + name);
    }
}
