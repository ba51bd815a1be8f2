package org.dshell.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dshell.backend.webdav.WebDavUrl;
import org.dshell.core.DshellException;

/**
 * The storage elements declared in the settings:
 * {@code se.<NAME>.root} (relative to {@code $DSHELL_HOME}), {@code se.<NAME>.read},
 * {@code se.<NAME>.write}, optional {@code se.<NAME>.quota} (bytes, or with K/M/G/T),
 * {@code se.<NAME>.fsync} (default true: new bytes reach the disk before they are published), and
 * {@code se.default}. A settings file that declares none gets the two SEs of a fresh home.
 * A WebDAV SE is declared by {@code se.<NAME>.url} ({@code davs://host:port/path} or {@code https://...})
 * instead of a root.
 */
public record StorageSettings(List<Declared> elements, String defaultName) {

    /** One declared SE: a directory ({@code root}) or a WebDAV server ({@code url}, null for directories). */
    public record Declared(String name, Path root, boolean read, boolean write, long quota, boolean fsync, String url) {
        public Declared(String name, Path root, boolean read, boolean write, long quota, boolean fsync) {
            this(name, root, read, write, quota, fsync, null);
        }

        public boolean isWebDav() {
            return url != null;
        }
    }

    public static final String DISK = "LOCAL-DISK";
    public static final String BACKUP = "LOCAL-BACKUP";

    public static StorageSettings load(Settings settings, Path home) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : settings.withPrefix("se.").keySet()) {
            String rest = key.substring(3);
            int dot = rest.lastIndexOf('.');
            if (dot > 0) {
                names.add(rest.substring(0, dot));
            }
        }
        List<Declared> elements = new ArrayList<>();
        if (names.isEmpty()) {
            elements.add(new Declared(DISK, home.resolve("local/se/" + DISK), true, true, -1, true));
            elements.add(new Declared(BACKUP, home.resolve("local/se/" + BACKUP), true, true, -1, true));
        }
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw DshellException.usage(settings.file() + ": SE names are letters, digits, '_', '-', '.', not '" + name + "'");
            }
            String prefix = "se." + name + ".";
            String root = settings.get(prefix + "root", null);
            String url = settings.get(prefix + "url", null);
            if (root != null && url != null) {
                throw DshellException.usage(settings.file() + ": SE " + name + " has both " + prefix + "root and " + prefix + "url");
            }
            if (url != null) {
                elements.add(new Declared(name, null, flag(settings, prefix + "read"), flag(settings, prefix + "write"),
                        -1, true, webDavUrl(settings, prefix + "url", url)));
                continue;
            }
            if (root == null) {
                throw DshellException.usage(settings.file() + ": " + prefix + "root (a directory) or " + prefix + "url (davs://...) is missing");
            }
            elements.add(new Declared(name, home.resolve(root).normalize(), flag(settings, prefix + "read"),
                    flag(settings, prefix + "write"), quota(settings, prefix + "quota"), flag(settings, prefix + "fsync")));
        }
        String defaultName = settings.get("se.default", elements.get(0).name());
        if (elements.stream().noneMatch(e -> e.name().equals(defaultName))) {
            throw DshellException.usage(settings.file() + ": se.default names an undeclared SE '" + defaultName + "'");
        }
        // Properties keep no order: list the default first, then the others by name.
        elements.sort(java.util.Comparator.comparing((Declared d) -> !d.name().equals(defaultName)).thenComparing(Declared::name));
        return new StorageSettings(List.copyOf(elements), defaultName);
    }

    /** Checks a WebDAV SE's URL (scheme, host, path) before it is declared; a bad one is a usage error. */
    public static void checkWebDavUrl(String url) {
        WebDavUrl.parse(url);
    }

    /** The URL as declared, once it parses; a bad one names the settings file and key. */
    private static String webDavUrl(Settings settings, String key, String value) {
        try {
            WebDavUrl.parse(value);
        } catch (DshellException e) {
            throw DshellException.usage(settings.file() + ": " + key + ": " + e.getMessage());
        }
        return value;
    }

    private static boolean flag(Settings settings, String key) {
        String value = settings.get(key, "true");
        return switch (value.toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw DshellException.usage(settings.file() + ": " + key + " must be true or false, not '" + value + "'");
        };
    }

    private static long quota(Settings settings, String key) {
        String value = settings.get(key, null);
        if (value == null) {
            return -1;
        }
        String digits = value.toUpperCase().replaceAll("I?B$", "");
        long unit = 1;
        int shift = "KMGT".indexOf(digits.isEmpty() ? ' ' : digits.charAt(digits.length() - 1));
        if (shift >= 0) {
            unit = 1L << (10 * (shift + 1));
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            return Long.parseLong(digits.trim()) * unit;
        } catch (NumberFormatException e) {
            throw DshellException.usage(settings.file() + ": " + key + " must be a size like 500M or 2G, not '" + value + "'");
        }
    }
}
