package org.dshell.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.dshell.core.DshellException;
import org.dshell.core.Identity;
import org.dshell.security.ProxyIdentity;
import org.dshell.security.ProxyLocation;

/**
 * Who dshell acts as, following the proxy file: the proxy's identity while a valid proxy sits at
 * {@code $X509_USER_PROXY} (else {@code /tmp/x509up_u<uid>}), the local identity otherwise. The file is
 * stat'ed on every call and re-read only when it changed (a new proxy is a new inode, as proxies are
 * written by rename) or when the proxy expired, so {@code proxy init}, {@code proxy destroy} and
 * {@code grid-proxy-init} in another terminal take effect at the next command.
 */
public final class IdentitySource implements Supplier<Identity> {
    private final Identity local;
    private final Map<String, String> env;
    private final Clock clock;
    private Consumer<Identity> listener = identity -> { };

    private Stamp stamp;
    private Identity current;
    private Instant expires;

    /** @param env read at every call (tests change it), never copied */
    public IdentitySource(Identity local, Map<String, String> env, Clock clock) {
        this.local = local;
        this.env = env;
        this.clock = clock;
    }

    /** Called with the new identity whenever it changes after the first resolution (e.g. to move the session home). */
    public synchronized void onChange(Consumer<Identity> listener) {
        this.listener = listener;
    }

    /** The local identity, used without a valid proxy. */
    public Identity local() {
        return local;
    }

    @Override
    public synchronized Identity get() {
        Path path;
        try {
            path = ProxyLocation.resolve(null, env);
        } catch (DshellException e) {
            return withSource("local user (" + e.getMessage() + ")");
        }
        Stamp now = Stamp.of(path);
        if (current != null && now.equals(stamp) && (expires == null || clock.instant().isBefore(expires))) {
            return current;
        }
        Identity previous = current;
        stamp = now;
        expires = null;
        current = resolve(path, now);
        if (previous != null && !previous.equals(current)) {
            listener.accept(current);
        }
        return current;
    }

    private Identity resolve(Path path, Stamp now) {
        if (!now.exists()) {
            return local;
        }
        ProxyIdentity proxy;
        try {
            proxy = ProxyIdentity.read(path);
        } catch (DshellException e) {
            return withSource("local user (ignoring proxy: " + e.getMessage() + ")");
        }
        if (proxy.expiredAt(clock.instant())) {
            return withSource("local user (proxy " + path + " expired)");
        }
        expires = proxy.notAfter();
        return IdentityResolver.proxyIdentity(proxy.identity(), proxy.group(), local, "proxy " + path);
    }

    private Identity withSource(String source) {
        return new Identity(local.user(), local.group(), local.vo(), source);
    }

    /** What identifies one version of the proxy file without reading it. */
    private record Stamp(boolean exists, Object fileKey, FileTime modified, long size) {
        static Stamp of(Path path) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                return new Stamp(true, attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
            } catch (IOException e) {
                return new Stamp(false, null, null, 0);
            }
        }
    }
}
