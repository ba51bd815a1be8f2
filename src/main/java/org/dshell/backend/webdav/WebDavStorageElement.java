package org.dshell.backend.webdav;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import org.dshell.backend.StorageElement;
import org.dshell.core.Checksums;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;

/**
 * A storage element on an HTTPS/WebDAV server (XRootD, dCache, EOS, StoRM), reached with the user's
 * proxy. PFNs are LFN paths below the base URL. An upload streams a PUT to a temporary name
 * ({@code .NAME.dshell-tmp-RANDOM}) while summing Adler32, compares that with the server's own
 * ({@code Want-Digest: adler32}), and only then MOVEs the bytes under a free final name; a crash
 * leaves at most a temporary file, which {@link #scan} reports. The catalog entry follows after.
 */
public final class WebDavStorageElement implements StorageElement {
    private static final Pattern TEMP_NAME = Pattern.compile("^\\..*\\.dshell-tmp-[0-9a-f]{16}$");
    private static final String TEMP_MARK = ".dshell-tmp-";
    private static final int MAX_NAME_IN_TEMP = 200;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final String QUOTA_PROPS = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:propfind xmlns:D=\"DAV:\"><D:prop>"
            + "<D:quota-available-bytes/><D:quota-used-bytes/></D:prop></D:propfind>";

    private final String name;
    private final boolean readable;
    private final boolean writable;
    private final WebDavClient http;
    /** Collections known to exist, so a bulk upload sends one MKCOL per directory, not one per file. */
    private final Set<String> knownCollections = ConcurrentHashMap.newKeySet();
    private final TakenNames takenNames = new TakenNames(this::memberNames, java.time.Clock.systemUTC());

    public WebDavStorageElement(String name, WebDavUrl url, boolean readable, boolean writable, Supplier<SSLContext> tls) {
        this.name = name;
        this.readable = readable;
        this.writable = writable;
        this.http = new WebDavClient(url, tls);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean readable() {
        return readable;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public String location() {
        return http.url().toString();
    }

    @Override
    public String kind() {
        return "webdav";
    }

    @Override
    public String unreachable() {
        try {
            HttpRequest probe = http.request("HEAD", "/").timeout(PROBE_TIMEOUT).build();
            int status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 500 ? http.url().server() + " answered HTTP " + status : null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Whether a file name is one of the temporary names uploads write. */
    public static boolean isTemporaryName(String fileName) {
        return TEMP_NAME.matcher(fileName).matches();
    }

    @Override
    public Upload upload(LfnPath lfn) throws IOException {
        return upload(lfn, -1);
    }

    /** With a known size the PUT carries a Content-Length; else it is chunked. */
    @Override
    public Upload upload(LfnPath lfn, long size) throws IOException {
        if (lfn.isRoot()) {
            throw DshellException.usage("cannot store bytes for /");
        }
        String dir = lfn.parent().toString();
        ensureCollection(dir);
        String base = lfn.name().length() > MAX_NAME_IN_TEMP ? lfn.name().substring(0, MAX_NAME_IN_TEMP) : lfn.name();
        String temp = child(dir, "." + base + TEMP_MARK + randomHex(8));
        URI uri = http.url().of(temp);
        for (int hop = 0; ; hop++) {
            HttpsURLConnection put = http.connection("PUT", uri);
            put.setDoOutput(true);
            // An empty body is not streamed: the JDK keeps it and follows a redirect itself (XRootD
            // never answers "Expect: 100-continue" on an empty PUT).
            if (size != 0) {
                if (size > 0) {
                    put.setFixedLengthStreamingMode(size);
                } else {
                    put.setChunkedStreamingMode(1 << 20);
                }
                // dCache doors and EOS or XRootD redirectors send a PUT elsewhere (a pool, a data
                // server): asking first lets them say so before any byte of the body goes out.
                put.setRequestProperty("Expect", "100-continue");
            }
            URI at = uri;
            try {
                // Connects (TCP, TLS): an unknown CA or a dead server fails here, before any byte is read.
                UploadBody body = new UploadBody(put.getOutputStream(), e -> http.failure("PUT", at, e));
                return new WebDavUpload(lfn.toString(), temp, body, put);
            } catch (java.net.ProtocolException refused) {
                // The JDK's word for an answer other than 100 Continue; the answer itself is still there.
                int status = responseCode(put, "PUT", temp);
                URI next = redirect(put, status, uri, hop);
                put.disconnect();
                if (next == null) {
                    throw http.status("PUT", uri, status);
                }
                uri = next;
            } catch (IOException e) {
                put.disconnect();
                throw http.failure("PUT", uri, e);
            }
        }
    }

    private static final int MAX_REDIRECTS = 5;

    /** Where a redirect answer sends the request, or null when the answer is not a redirect. */
    private URI redirect(HttpsURLConnection connection, int status, URI from, int hop) throws IOException {
        if (!WebDavClient.isRedirect(status)) {
            return null;
        }
        String location = connection.getHeaderField("Location");
        URI next = location == null ? null : from.resolve(location);
        if (next == null || !"https".equalsIgnoreCase(next.getScheme()) || hop + 1 >= MAX_REDIRECTS) {
            throw http.unfollowedRedirect("PUT", from, status, location);
        }
        return next;
    }

    private static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** Uniqueness, not secrecy. */
    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** MKCOL for {@code dir} and, where the server wants them one by one (409), its parents. */
    private void ensureCollection(String dir) throws IOException {
        if (dir.equals("/") || knownCollections.contains(dir)) {
            return;
        }
        HttpRequest mkcol = http.request("MKCOL", dir).build();
        int status = http.send(mkcol, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 409) {
            ensureCollection(dir.substring(0, Math.max(1, dir.lastIndexOf('/'))));
            status = http.send(mkcol, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        // 405: it exists already (RFC 4918); XRootD answers 201 either way.
        if (status != 201 && status != 200 && status != 405) {
            throw http.status(mkcol, status);
        }
        knownCollections.add(dir);
    }

    /** See the class comment: PUT temp, compare digests, MOVE under a free name; DELETE on failure. */
    private final class WebDavUpload implements Upload {
        private final String target;
        private final String temp;
        private final UploadBody body;
        private final HttpsURLConnection put;
        private boolean finished;
        private String published;
        private boolean released;

        WebDavUpload(String target, String temp, UploadBody body, HttpsURLConnection put) {
            this.target = target;
            this.temp = temp;
            this.body = body;
            this.put = put;
        }

        @Override
        public WritableByteChannel channel() {
            return body;
        }

        @Override
        public boolean readsAhead() {
            return false;
        }

        @Override
        public void finish(String adler32) throws IOException {
            if (finished) {
                return;
            }
            body.close();
            int status = responseCode(put, "PUT", temp);
            if (status != 201 && status != 200 && status != 204) {
                throw http.status("PUT", http.url().of(temp), status);
            }
            verify(adler32);
            finished = true;
        }

        @Override
        public String publish() throws IOException {
            if (!finished) {
                throw new IllegalStateException("publish before finish: the upload's checksum was never checked");
            }
            for (int attempt = 0; ; attempt++) {
                String candidate = attempt == 0 ? target : target + "." + randomHex(4);
                // MOVE overwrites on XRootD whatever Overwrite says: look first, never clobber someone's bytes.
                int slash = candidate.lastIndexOf('/');
                String dir = slash == 0 ? "/" : candidate.substring(0, slash);
                String fileName = candidate.substring(slash + 1);
                if (!takenNames.taken(dir, fileName)) {
                    move(candidate);
                    takenNames.add(dir, fileName);
                    published = candidate;
                    return candidate;
                }
                if (attempt >= 8) {
                    throw new IOException("no free name for " + target + " on " + name);
                }
            }
        }

        /** The server's size and Adler32 of what it stored must be what went out. */
        private void verify(String adler32) throws IOException {
            HttpRequest head = http.request("HEAD", temp).header("Want-Digest", "adler32").build();
            HttpResponse<Void> response = http.send(head, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw http.status(head, response.statusCode());
            }
            long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            String sent = adler32;
            String stored = DigestHeader.adler32(response.headers().firstValue("Digest").orElse(null)).orElse(null);
            if (size >= 0 && size != body.size()) {
                throw new IOException("size mismatch on " + name + ": stored " + size + " bytes, sent " + body.size());
            }
            if (stored == null) {
                throw new IOException(http.url().server() + " reports no adler32 digest (Want-Digest); cannot verify the upload");
            }
            if (!Checksums.same(stored, sent)) {
                throw new IOException("checksum mismatch on " + name + ": server adler32 " + stored + " != sent " + sent);
            }
        }

        private void move(String destination) throws IOException {
            HttpRequest move = http.request("MOVE", temp)
                    .header("Destination", http.url().of(destination).toASCIIString())
                    .header("Overwrite", "F").build();
            int status = http.send(move, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 201 && status != 204 && status != 200) {
                throw http.status(move, status);
            }
        }

        @Override
        public void release() {
            released = true; // the temporary name went with the MOVE
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            if (body.isOpen()) {
                put.disconnect(); // an unfinished body: drop the connection rather than reuse it
            }
            boolean interrupted = Thread.interrupted(); // cleanup must still reach the server after Ctrl-C
            try {
                if (published != null) {
                    deleteQuietly(published);
                }
                deleteQuietly(temp);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void deleteQuietly(String pfn) {
            try {
                delete(pfn);
            } catch (IOException | RuntimeException e) {
                // A leftover temporary file is what fsck --repair is for.
            }
        }
    }

    @Override
    public ReadableByteChannel open(String pfn) throws IOException {
        Reading reading = read(pfn);
        if (reading == null) {
            throw http.status("GET", http.url().of(pfn), 404);
        }
        return reading.channel();
    }

    /** One GET: its status says whether the bytes are there, its Content-Length how many. */
    @Override
    public Reading read(String pfn) throws IOException {
        HttpsURLConnection get = http.connection("GET", pfn);
        int status = responseCode(get, "GET", pfn);
        if (status == 404) {
            return null;
        }
        URI uri = http.url().of(pfn);
        if (WebDavClient.isRedirect(status)) {
            // The JDK follows HTTPS redirects itself; what comes back is one it would not follow.
            throw http.unfollowedRedirect("GET", uri, status, get.getHeaderField("Location"));
        }
        if (status != 200) { // responseCode drained its body already
            throw http.status("GET", uri, status);
        }
        return new Reading(new DownloadBody(get.getInputStream(), e -> http.failure("GET", uri, e)), get.getContentLengthLong());
    }

    /** Sends what is left of the request and reads the status line, with failures in one line. */
    private int responseCode(HttpsURLConnection connection, String method, String pfn) throws IOException {
        try {
            int status = connection.getResponseCode();
            if (status != 200 || !method.equals("GET")) {
                drain(connection);
            }
            return status;
        } catch (IOException e) {
            connection.disconnect();
            throw http.failure(method, http.url().of(pfn), e);
        }
    }

    /** Reads a small answer's body to its end, so that its connection can serve the next request. */
    private static void drain(HttpsURLConnection connection) {
        try (InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            connection.disconnect();
        }
    }

    @Override
    public long size(String pfn) throws IOException {
        HttpRequest head = http.request("HEAD", pfn).build();
        HttpResponse<Void> response = http.send(head, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return -1;
        }
        if (response.statusCode() != 200) {
            throw http.status(head, response.statusCode());
        }
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    @Override
    public boolean delete(String pfn) throws IOException {
        HttpRequest delete = http.request("DELETE", pfn).build();
        int status = http.send(delete, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 404) {
            return false;
        }
        if (status != 200 && status != 204) {
            throw http.status(delete, status);
        }
        return true;
    }

    /** What the server reports as used (quota-used-bytes), else -1: walking a whole grid SE is no option. */
    @Override
    public long usedSpace() throws IOException {
        return quota().quotaUsed();
    }

    /** What the server reports as available (quota-available-bytes), else -1 (unknown). */
    @Override
    public long freeSpace() throws IOException {
        try {
            return quota().quotaAvailable();
        } catch (IOException e) {
            // The first call of a put: a dead server, an unknown CA or an expired proxy end it in one line.
            throw DshellException.failure("SE " + name + ": " + e.getMessage(), e);
        }
    }

    private Multistatus.Resource quota() throws IOException {
        Multistatus answer = propfind("/", 0, QUOTA_PROPS);
        return answer == null || answer.resources().isEmpty() ? new Multistatus.Resource("/", true, -1, -1, -1) : answer.resources().get(0);
    }

    /** PROPFIND; null for a missing resource. */
    private Multistatus propfind(String pfn, int depth, String body) throws IOException {
        HttpRequest.Builder builder = http.request("PROPFIND", pfn).header("Depth", Integer.toString(depth));
        if (body != null) {
            builder.method("PROPFIND", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/xml; charset=utf-8");
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 207) {
            throw http.status(request, response.statusCode());
        }
        return Multistatus.parse(response.body());
    }

    /** The names in a collection (one PROPFIND, Depth: 1), or null when there is no such collection. */
    private Set<String> memberNames(String collection) throws IOException {
        Multistatus listing = propfind(collection, 1, null);
        if (listing == null) {
            return null;
        }
        Set<String> names = new java.util.HashSet<>();
        for (Multistatus.Resource resource : listing.resources()) {
            String pfn = http.url().pfnOf(resource.path());
            if (pfn != null && !pfn.equals(collection) && pfn.lastIndexOf('/') >= 0) {
                names.add(pfn.substring(pfn.lastIndexOf('/') + 1));
            }
        }
        return names;
    }

    /** Walks the collections below {@code under} with PROPFIND Depth: 1 (servers often refuse infinity). */
    @Override
    public void scan(String under, Consumer<StoredObject> sink) throws IOException {
        Deque<String> collections = new ArrayDeque<>();
        collections.add(under);
        while (!collections.isEmpty()) {
            String dir = collections.poll();
            Multistatus listing = propfind(dir, 1, null);
            if (listing == null) {
                continue;
            }
            for (Multistatus.Resource resource : listing.resources()) {
                String pfn = http.url().pfnOf(resource.path());
                if (pfn == null || pfn.equals(dir) || !(dir.equals("/") || pfn.startsWith(dir + "/"))) {
                    continue;
                }
                if (resource.collection()) {
                    collections.add(pfn);
                } else {
                    String fileName = pfn.substring(pfn.lastIndexOf('/') + 1);
                    sink.accept(new StoredObject(pfn, Math.max(0, resource.size()), isTemporaryName(fileName), null));
                }
            }
        }
    }
}
