package org.dshell.security;

import java.time.Duration;
import org.dshell.core.DshellException;

/** What a new proxy should carry: DIRAC group (may be null), lifetime, key size, and whether it is limited. */
public record ProxyRequest(String group, Duration lifetime, int keyBits, boolean limited) {
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);
    public static final int DEFAULT_KEY_BITS = 2048;

    public ProxyRequest {
        if (group != null) {
            GroupName.require(group);
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw DshellException.usage("proxy lifetime must be positive");
        }
        if (keyBits < 1024 || keyBits > 16384) {
            throw DshellException.usage("proxy key size must be between 1024 and 16384 bits, not " + keyBits);
        }
    }

    /** The usual request: a full 24-hour proxy with a 2048-bit key for the given group. */
    public static ProxyRequest forGroup(String group) {
        return new ProxyRequest(group, DEFAULT_LIFETIME, DEFAULT_KEY_BITS, false);
    }

    public ProxyRequest withHours(int hours) {
        if (hours <= 0) {
            throw DshellException.usage("proxy lifetime must be a positive number of hours, not " + hours);
        }
        return new ProxyRequest(group, Duration.ofHours(hours), keyBits, limited);
    }

    public ProxyRequest withKeyBits(int bits) {
        return new ProxyRequest(group, lifetime, bits, limited);
    }

    public ProxyRequest asLimited() {
        return new ProxyRequest(group, lifetime, keyBits, true);
    }
}
