package org.dshell.backend.webdav;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Digest} response header of RFC 3230 ({@code Digest: adler32=0a1b2c3d,md5=...}) that
 * XRootD and dCache send when asked with {@code Want-Digest: adler32}.
 */
public final class DigestHeader {
    private DigestHeader() {
    }

    /** The Adler32 in the header as 8 lower-case hex digits, or empty when the header has none. */
    public static Optional<String> adler32(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String algorithm = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (algorithm.equals("adler32") && value.matches("[0-9a-f]{1,8}")) {
                return Optional.of("0".repeat(8 - value.length()) + value);
            }
        }
        return Optional.empty();
    }
}
