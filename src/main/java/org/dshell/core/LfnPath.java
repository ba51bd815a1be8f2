package org.dshell.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A normalised absolute logical file name: starts with {@code /}, no empty, {@code .} or {@code ..}
 * segments, no trailing slash (except the root itself).
 */
public final class LfnPath implements Comparable<LfnPath> {
    public static final LfnPath ROOT = new LfnPath("/");
    /** DIRAC's catalogs store names in VARCHAR(255) columns; longer names cannot be registered there. */
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_PATH_LENGTH = 4096;

    private final String path;

    private LfnPath(String path) {
        this.path = path;
    }

    /** Parses an absolute path. */
    public static LfnPath of(String absolute) {
        if (absolute == null || !absolute.startsWith("/")) {
            throw DshellException.usage("not an absolute catalog path: '" + absolute + "'");
        }
        return ROOT.resolve(absolute);
    }

    /** Resolves {@code arg} (absolute or relative to this directory), handling {@code .} and {@code ..}. */
    public LfnPath resolve(String arg) {
        if (arg.isEmpty()) {
            throw DshellException.usage("empty path");
        }
        if (arg.length() > MAX_PATH_LENGTH) {
            throw DshellException.usage("path too long (" + arg.length() + " characters, at most " + MAX_PATH_LENGTH + ")");
        }
        List<String> segments = arg.startsWith("/") ? new ArrayList<>() : new ArrayList<>(segments());
        for (String segment : arg.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw DshellException.usage("path goes above /: " + arg);
                }
                segments.remove(segments.size() - 1);
                continue;
            }
            checkName(segment);
            segments.add(segment);
        }
        return fromSegments(segments);
    }

    /** Rejects names no catalog can hold: control characters and over-long names. */
    public static void checkName(String name) {
        if (name.isEmpty()) {
            throw DshellException.usage("empty name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw DshellException.usage("name too long (" + name.length() + " characters, at most "
                    + MAX_NAME_LENGTH + "): " + name.substring(0, 40) + "...");
        }
        if (name.contains("/")) {
            throw DshellException.usage("name contains '/': " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw DshellException.usage("name contains a control character (0x"
                        + Integer.toHexString(c) + "): " + printable(name));
            }
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    private static LfnPath fromSegments(List<String> segments) {
        return segments.isEmpty() ? ROOT : new LfnPath("/" + String.join("/", segments));
    }

    public List<String> segments() {
        if (isRoot()) {
            return Collections.emptyList();
        }
        return List.of(path.substring(1).split("/"));
    }

    public boolean isRoot() {
        return path.equals("/");
    }

    /** The last segment; empty for the root. */
    public String name() {
        return isRoot() ? "" : path.substring(path.lastIndexOf('/') + 1);
    }

    /** The parent directory; the root is its own parent. */
    public LfnPath parent() {
        if (isRoot()) {
            return this;
        }
        int slash = path.lastIndexOf('/');
        return slash == 0 ? ROOT : new LfnPath(path.substring(0, slash));
    }

    public LfnPath child(String name) {
        checkName(name);
        return new LfnPath(isRoot() ? "/" + name : path + "/" + name);
    }

    /** True when this path is {@code other} or lies below it. */
    public boolean isWithin(LfnPath other) {
        return other.isRoot() || path.equals(other.path) || path.startsWith(other.path + "/");
    }

    public int depth() {
        return isRoot() ? 0 : segments().size();
    }

    @Override
    public String toString() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LfnPath other && other.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public int compareTo(LfnPath o) {
        return path.compareTo(o.path);
    }
}
