package org.dshell.security;

import java.util.regex.Pattern;
import org.dshell.core.DshellException;

/** Validates DIRAC group names before they are signed into a proxy. */
public final class GroupName {
    // DIRAC groups look like "mu3e.org_user" or "dteam_user"; anything else is a typo or an injection.
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private GroupName() {
    }

    /** Returns the name unchanged, or throws a usage error that says what is wrong with it. */
    public static String require(String group) {
        if (group == null || group.isEmpty()) {
            throw DshellException.usage("group name is empty");
        }
        if (!VALID.matcher(group).matches()) {
            throw DshellException.usage("invalid group name '" + Failures.printable(group)
                    + "': use letters, digits, '_', '-' and '.', starting with a letter or digit, at most 64 characters");
        }
        return group;
    }
}
