package org.dshell.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A minimal DER reader over one byte array: just enough to walk a certificate's TBS structure
 * without Bouncy Castle or the JCA certificate factory, whose loading would dominate start-up.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int PRINTABLE_STRING = 0x13;
    static final int T61_STRING = 0x14;
    static final int IA5_STRING = 0x16;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int VISIBLE_STRING = 0x1a;
    static final int UNIVERSAL_STRING = 0x1c;
    static final int BMP_STRING = 0x1e;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    /** One element: its tag and where its content lies in {@code bytes}. */
    record Element(byte[] bytes, int tag, int start, int end) {
        Der content() {
            return new Der(bytes, start, end);
        }

        byte[] value() {
            return java.util.Arrays.copyOfRange(bytes, start, end);
        }
    }

    private final byte[] bytes;
    private int position;
    private final int end;

    Der(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private Der(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    boolean hasMore() {
        return position < end;
    }

    int peekTag() {
        require(position < end, "unexpected end of data");
        return bytes[position] & 0xff;
    }

    Element next() {
        require(position + 2 <= end, "unexpected end of data");
        int tag = bytes[position++] & 0xff;
        require((tag & 0x1f) != 0x1f, "multi-byte tags are not used in certificates");
        int length = bytes[position++] & 0xff;
        if (length >= 0x80) {
            int count = length & 0x7f;
            require(count >= 1 && count <= 4 && position + count <= end, "bad length");
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[position++] & 0xff);
            }
            require(length >= 0, "bad length");
        }
        require(length <= end - position, "length beyond the end of data");
        Element element = new Element(bytes, tag, position, position + length);
        position += length;
        return element;
    }

    Element next(int expectedTag) {
        Element element = next();
        if (element.tag() != expectedTag) {
            // Formatted only on failure: String.format would load the regex engine on the start-up path.
            throw new IllegalArgumentException("bad DER: expected tag " + Integer.toHexString(expectedTag)
                    + ", found " + Integer.toHexString(element.tag()));
        }
        return element;
    }

    static String oid(Element element) {
        StringBuilder out = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (int i = element.start(); i < element.end(); i++) {
            int b = element.bytes()[i] & 0xff;
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                if (first) {
                    long top = Math.min(value / 40, 2);
                    out.append(top).append('.').append(value - 40 * top);
                    first = false;
                } else {
                    out.append('.').append(value);
                }
                value = 0;
            }
        }
        return out.toString();
    }

    static boolean isString(int tag) {
        return switch (tag) {
            case UTF8_STRING, PRINTABLE_STRING, T61_STRING, IA5_STRING, VISIBLE_STRING, UNIVERSAL_STRING, BMP_STRING -> true;
            default -> false;
        };
    }

    static String string(Element element) {
        byte[] value = element.value();
        return switch (element.tag()) {
            case UTF8_STRING -> new String(value, StandardCharsets.UTF_8);
            case BMP_STRING -> new String(value, StandardCharsets.UTF_16BE);
            case UNIVERSAL_STRING -> new String(value, java.nio.charset.Charset.forName("UTF-32BE"));
            // T61 is treated as Latin-1, as OpenSSL and Bouncy Castle do.
            default -> new String(value, StandardCharsets.ISO_8859_1);
        };
    }

    /**
     * UTCTime {@code YYMMDDhhmmssZ} or GeneralizedTime {@code YYYYMMDDhhmmssZ}, the only forms RFC 5280
     * allows; parsed by hand because java.time.format costs tens of milliseconds to load.
     */
    static Instant time(Element element) {
        String text = new String(element.value(), StandardCharsets.US_ASCII);
        int yearDigits = element.tag() == UTC_TIME ? 2 : 4;
        require(element.tag() == UTC_TIME || element.tag() == GENERALIZED_TIME, "expected a time");
        require(text.length() == yearDigits + 11 && text.endsWith("Z"), "bad time " + text);
        int year = digits(text, 0, yearDigits);
        if (yearDigits == 2) {
            year += year >= 50 ? 1900 : 2000; // RFC 5280: 50-99 are 19xx, 00-49 are 20xx
        }
        int at = yearDigits;
        return LocalDateTime.of(year, digits(text, at, 2), digits(text, at + 2, 2), digits(text, at + 4, 2),
                digits(text, at + 6, 2), digits(text, at + 8, 2)).toInstant(ZoneOffset.UTC);
    }

    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("bad DER: bad time " + text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("bad DER: " + problem);
        }
    }
}
