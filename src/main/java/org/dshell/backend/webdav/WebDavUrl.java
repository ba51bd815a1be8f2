package org.dshell.backend.webdav;

import java.net.URI;
import java.net.URISyntaxException;

import org.dshell.core.DshellException;

/**
 * The base URL of a WebDAV SE, {@code davs://host:port/path} or {@code https://host:port/path}
 * ({@code davs} is the grid's name for WebDAV over TLS). PFNs are paths below it; every URL this SE
 * calls is built here, segment by segment and percent-encoded, never by gluing user text together.
 */
public record WebDavUrl(String host, int port, String basePath) {

    /** Parses a declared URL; anything but davs/https with a host is a usage error naming the URL. */
    public static WebDavUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw DshellException.usage("malformed SE URL '" + text + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("davs") && !scheme.equals("https")) {
            throw DshellException.usage("SE URL '" + text + "' must start with davs:// or https:// (TLS with your proxy)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw DshellException.usage("SE URL '" + text + "' has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw DshellException.usage("SE URL '" + text + "' must be scheme://host[:port]/path, without user, query or fragment");
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new WebDavUrl(uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort(), path);
    }

    /** The URL of a PFN (an absolute path such as an LFN) below the base. */
    public URI of(String pfn) {
        if (pfn == null || !pfn.startsWith("/")) {
            throw DshellException.failure("bad PFN '" + pfn + "' on " + this);
        }
        for (String segment : pfn.substring(1).split("/", -1)) {
            if (pfn.length() > 1 && (segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
                throw DshellException.failure("bad PFN '" + pfn + "' on " + this);
            }
        }
        String path = basePath.equals("/") ? pfn : pfn.equals("/") ? basePath : basePath + pfn;
        try {
            // The multi-argument constructor percent-encodes what a path may not hold (spaces, '%', '?', '#').
            return new URI("https", null, host, port, path, null, null);
        } catch (URISyntaxException e) {
            throw DshellException.failure("bad PFN '" + pfn + "' on " + this + ": " + e.getReason());
        }
    }

    /** The PFN of a path the server named (a PROPFIND href, decoded), or null when it lies outside the base. */
    public String pfnOf(String serverPath) {
        String path = serverPath;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (basePath.equals("/")) {
            return path;
        }
        if (path.equals(basePath)) {
            return "/";
        }
        return path.startsWith(basePath + "/") ? path.substring(basePath.length()) : null;
    }

    /** host:port, to name the server in errors. */
    public String server() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "davs://" + server() + basePath;
    }
}
