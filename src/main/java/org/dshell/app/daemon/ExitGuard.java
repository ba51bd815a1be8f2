package org.dshell.app.daemon;

import java.security.Permission;

import org.dshell.core.ExitRequest;

/**
 * Keeps a command's {@code System.exit(n)} (a Groovy script's, say) from ending the daemon and every other
 * command in it: in a command's threads it becomes what the script API's {@code exit(n)} is, the end of
 * that command with status n. A security manager is the one hook Java 17 offers for it; this one permits
 * everything else. Java 18 and later refuse it unless started with {@code -Djava.security.manager=allow};
 * there a script's System.exit still ends the daemon, and the client says so.
 */
@SuppressWarnings("removal")
final class ExitGuard extends SecurityManager {
    private ExitGuard() {
    }

    static void install() {
        try {
            System.setSecurityManager(new ExitGuard());
        } catch (UnsupportedOperationException e) {
            Daemon.log("System.exit in a command will end this daemon: " + e.getMessage());
        }
    }

    @Override
    public void checkExit(int status) {
        if (ProcessStreams.inCommand()) {
            throw new ExitRequest(status);
        }
    }

    @Override
    public void checkPermission(Permission permission) {
        // everything else is allowed, as without a security manager
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        // as above
    }
}
