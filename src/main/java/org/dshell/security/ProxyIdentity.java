package org.dshell.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.dshell.core.DshellException;

/**
 * The part of a proxy file dshell needs at start-up to know who it acts as: the user's DN, the DIRAC
 * group and the expiry. Read with a few lines of DER walking and no cryptography, because loading
 * Bouncy Castle (over a second) or the JCA certificate factory (~80 ms) would slow every start.
 * It checks no signature: {@link ProxyManager#verify} is for that. Agrees with {@link ProxyInspector}.
 *
 * @param identity the user DN in slash form (subject of the first non-proxy certificate)
 * @param group    the DIRAC group of the proxy, or null when it carries none
 * @param notAfter when the proxy certificate expires
 */
public record ProxyIdentity(Path path, String identity, String group, Instant notAfter) {
    private static final String RFC_PROXY_CERT_INFO = "1.3.6.1.5.5.7.1.14";
    private static final String DRAFT_PROXY_CERT_INFO = "1.3.6.1.4.1.3536.1.222";
    private static final String DIRAC_GROUP = "1.2.42.42";
    private static final String CN = "2.5.4.3";
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    // The same short names as DistinguishedName, keyed by dotted OID.
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("2.5.4.6", "C"), Map.entry("2.5.4.8", "ST"), Map.entry("2.5.4.7", "L"),
            Map.entry("2.5.4.10", "O"), Map.entry("2.5.4.11", "OU"), Map.entry(CN, "CN"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"), Map.entry("0.9.2342.19200300.100.1.1", "UID"),
            Map.entry("1.2.840.113549.1.9.1", "emailAddress"), Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("2.5.4.9", "street"), Map.entry("2.5.4.12", "title"), Map.entry("2.5.4.42", "GN"),
            Map.entry("2.5.4.4", "SN"));

    public boolean expiredAt(Instant now) {
        return !now.isBefore(notAfter);
    }

    /** Reads the certificates of a proxy file; a damaged file is a failure naming the file. */
    public static ProxyIdentity read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw DshellException.failure("cannot read proxy " + file + ": " + Failures.reason(e), e);
        }
        try {
            List<Certificate> chain = new ArrayList<>();
            for (int at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + 1)) {
                int stop = text.indexOf(END, at);
                if (stop < 0) {
                    throw new IllegalArgumentException("unterminated certificate");
                }
                chain.add(Certificate.parse(Base64.getMimeDecoder().decode(text.substring(at + BEGIN.length(), stop))));
            }
            if (chain.isEmpty()) {
                throw DshellException.failure("no certificate found in " + file);
            }
            return new ProxyIdentity(file, identity(chain), group(chain), chain.get(0).notAfter());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw DshellException.failure("corrupt proxy " + file + ": " + Failures.reason(e), e);
        }
    }

    private static String identity(List<Certificate> chain) {
        for (Certificate cert : chain) {
            if (!cert.isProxy()) {
                return slashed(cert.subject());
            }
        }
        return slashed(chain.get(chain.size() - 1).issuer());
    }

    private static String group(List<Certificate> chain) {
        for (Certificate cert : chain) {
            byte[] value = cert.extensions().get(DIRAC_GROUP);
            if (value != null) {
                Der.Element inner = new Der(value).next();
                return Der.isString(inner.tag()) ? Der.string(inner) : null;
            }
        }
        return null;
    }

    private static String slashed(List<List<String[]>> name) {
        StringBuilder out = new StringBuilder();
        for (List<String[]> rdn : name) {
            StringJoiner multi = new StringJoiner("+");
            for (String[] typeAndValue : rdn) {
                multi.add(NAMES.getOrDefault(typeAndValue[0], typeAndValue[0]) + "=" + typeAndValue[1]);
            }
            out.append('/').append(multi);
        }
        return out.toString();
    }

    /** The fields of one certificate this class looks at; names are lists of RDNs of {type OID, value}. */
    private record Certificate(List<List<String[]>> issuer, List<List<String[]>> subject, Instant notAfter,
            Map<String, byte[]> extensions) {

        static Certificate parse(byte[] der) {
            Der tbs = new Der(der).next(Der.SEQUENCE).content().next(Der.SEQUENCE).content();
            if (tbs.peekTag() == 0xa0) {
                tbs.next(); // version
            }
            tbs.next(Der.INTEGER);
            tbs.next(Der.SEQUENCE); // signature algorithm
            List<List<String[]>> issuer = name(tbs.next(Der.SEQUENCE));
            Der validity = tbs.next(Der.SEQUENCE).content();
            validity.next();
            Instant notAfter = Der.time(validity.next());
            List<List<String[]>> subject = name(tbs.next(Der.SEQUENCE));
            tbs.next(Der.SEQUENCE); // public key
            Map<String, byte[]> extensions = new java.util.HashMap<>();
            while (tbs.hasMore()) {
                Der.Element element = tbs.next();
                if (element.tag() == 0xa3) {
                    Der list = element.content().next(Der.SEQUENCE).content();
                    while (list.hasMore()) {
                        Der extension = list.next(Der.SEQUENCE).content();
                        String oid = Der.oid(extension.next(Der.OID));
                        Der.Element value = extension.next();
                        if (value.tag() != Der.OCTET_STRING) {
                            value = extension.next(Der.OCTET_STRING); // skip the critical flag
                        }
                        extensions.put(oid, value.value());
                    }
                }
            }
            return new Certificate(issuer, subject, notAfter, extensions);
        }

        private static List<List<String[]>> name(Der.Element sequence) {
            List<List<String[]>> rdns = new ArrayList<>();
            Der name = sequence.content();
            while (name.hasMore()) {
                List<String[]> rdn = new ArrayList<>();
                Der set = name.next(Der.SET).content();
                while (set.hasMore()) {
                    Der atv = set.next(Der.SEQUENCE).content();
                    String type = Der.oid(atv.next(Der.OID));
                    Der.Element value = atv.next();
                    rdn.add(new String[] {type, Der.isString(value.tag()) ? Der.string(value) : hex(value)});
                }
                rdns.add(rdn);
            }
            return rdns;
        }

        private static String hex(Der.Element value) {
            StringBuilder out = new StringBuilder("#");
            for (byte b : value.value()) {
                out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return out.toString();
        }

        /** As {@link ProxyType#isProxy}: an RFC or draft ProxyCertInfo, or the legacy "CN=proxy" naming. */
        boolean isProxy() {
            if (extensions.containsKey(RFC_PROXY_CERT_INFO) || extensions.containsKey(DRAFT_PROXY_CERT_INFO)) {
                return true;
            }
            if (subject.size() != issuer.size() + 1) {
                return false;
            }
            List<String[]> last = subject.get(subject.size() - 1);
            if (last.size() != 1 || !last.get(0)[0].equals(CN)
                    || !(last.get(0)[1].equals("proxy") || last.get(0)[1].equals("limited proxy"))) {
                return false;
            }
            for (int i = 0; i < issuer.size(); i++) {
                if (!sameRdn(issuer.get(i), subject.get(i))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean sameRdn(List<String[]> a, List<String[]> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i)[0].equals(b.get(i)[0]) || !a.get(i)[1].equalsIgnoreCase(b.get(i)[1])) {
                    return false;
                }
            }
            return true;
        }
    }
}
