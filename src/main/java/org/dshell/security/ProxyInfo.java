package org.dshell.security;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What "proxy info" shows about a proxy file. DNs are in slash form; {@code group} is null when the
 * proxy carries no DIRAC group; {@code timeLeft} is zero once the proxy has expired.
 */
public record ProxyInfo(Path path, String subject, String issuer, String identity, ProxyType type, int keyBits,
        Instant notAfter, Duration timeLeft, String group, VomsAttributes voms) {

    public boolean expired() {
        return timeLeft.isZero();
    }

    /** Time left as grid-proxy-info prints it: h:mm:ss, hours unbounded. */
    public String timeLeftText() {
        long seconds = timeLeft.getSeconds();
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
