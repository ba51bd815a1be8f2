package org.dshell.backend.webdav;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP side of a WebDAV SE. Small requests (HEAD, PROPFIND, MKCOL, MOVE, DELETE) go through one
 * HTTP/1.1 {@link HttpClient} per SE; the bodies of PUT and GET go through blocking
 * {@link HttpsURLConnection}s, because the asynchronous client copies every TLS record through its
 * flow machinery and cost about twice the CPU and half the throughput of a blocking socket
 * (docs/BENCHMARKS.md). Both keep and reuse their connections across the -j N transfers, and both
 * are rebuilt only when the TLS context changes (a new proxy). Failures become IOExceptions whose
 * message is the one line a user reads, naming the server.
 */
final class WebDavClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A server that sends nothing for this long during a transfer is taken for gone. */
    static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    static {
        // The JDK keeps 5 idle connections per server by default: fewer than -j 8 needs, and every
        // new one is a TLS handshake. Read once, when the first HttpURLConnection is made.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "32");
        }
    }

    private final WebDavUrl url;
    private final Supplier<SSLContext> tls;
    private SSLContext clientContext;
    private HttpClient client;
    private SSLSocketFactory socketFactory;

    WebDavClient(WebDavUrl url, Supplier<SSLContext> tls) {
        this.url = url;
        this.tls = tls;
    }

    WebDavUrl url() {
        return url;
    }

    /** The client for the current TLS context (asking for it checks the proxy, cheaply). */
    synchronized HttpClient client() {
        SSLContext context = current();
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1) // XRootD and dCache speak HTTP/1.1 only
                    .sslContext(context)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL) // dCache doors redirect to pools
                    .build();
        }
        return client;
    }

    /**
     * The socket factory for the current TLS context. Made without the HttpClient, so that a download,
     * which needs only its GET, does not start the asynchronous client and its threads (a one-shot
     * get spent a tenth of its fixed cost there).
     */
    private synchronized SSLSocketFactory socketFactory() {
        SSLContext context = current();
        if (socketFactory == null) {
            // Idle connections are reused only for the same factory instance: keep one per context.
            socketFactory = context.getSocketFactory();
        }
        return socketFactory;
    }

    /** The TLS context now; a renewed proxy gives a new one, and with it a new client and factory. */
    private SSLContext current() {
        SSLContext context = tls.get();
        if (context != clientContext) {
            client = null;
            socketFactory = null;
            clientContext = context;
        }
        return context;
    }

    /**
     * A blocking connection for a request with a streamed body (PUT, GET). The JDK checks the
     * server's name against its certificate itself; the default verifier it falls back to on a
     * mismatch refuses, so hostnames stay verified.
     */
    HttpsURLConnection connection(String method, String pfn) throws IOException {
        return connection(method, url.of(pfn));
    }

    /** As {@link #connection(String, String)}, to any HTTPS URL (where a redirect sent the request). */
    HttpsURLConnection connection(String method, URI uri) throws IOException {
        SSLSocketFactory factory = socketFactory();
        HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
        connection.setSSLSocketFactory(factory);
        connection.setRequestMethod(method);
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
        connection.setUseCaches(false);
        return connection;
    }

    HttpRequest.Builder request(String method, String pfn) {
        return request(method, url.of(pfn));
    }

    HttpRequest.Builder request(String method, URI uri) {
        return HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
    }

    /** Sends and waits; interruption (Ctrl-C) aborts the request. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return await(sendAsync(request, body), request);
        } catch (IOException e) {
            if (!RESENDABLE.contains(request.method()) || !closedUnderneath(e)) {
                throw e;
            }
            // XRootD closes a kept connection after a 404 or a redirect, and the JDK sends only GET and
            // HEAD again on a fresh one by itself; a redirector's fsck walk met it.
            return await(sendAsync(request, body), request);
        }
    }

    /** Safe or idempotent by HTTP's rules: sent again once when the server had closed the kept connection. */
    private static final Set<String> RESENDABLE = Set.of("GET", "HEAD", "PROPFIND", "MKCOL", "DELETE");

    /** The connection went away before an answer: not a timeout, a refusal, a TLS failure or Ctrl-C. */
    private static boolean closedUnderneath(IOException e) {
        Throwable cause = e.getCause();
        return cause instanceof IOException && !(cause instanceof InterruptedIOException) && !(cause instanceof ConnectException)
                && !(cause instanceof HttpTimeoutException) && !(cause instanceof javax.net.ssl.SSLException);
    }

    <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return client().sendAsync(request, body);
    }

    /** Waits for an answer; interruption cancels the request. */
    <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> pending, HttpRequest request) throws IOException {
        try {
            HttpResponse<T> response = pending.get();
            int status = response.statusCode();
            if (isRedirect(status)) {
                // The client follows redirects itself; one it hands back is one it would not follow.
                throw unfollowedRedirect(request.method(), request.uri(), status, response.headers().firstValue("Location").orElse(null));
            }
            return response;
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw failure(request, e.getCause());
        }
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * A redirect not to follow, in one line: to plain HTTP (the proxy would travel in clear), without
     * a Location, or one hop too many.
     */
    IOException unfollowedRedirect(String method, URI from, int status, String location) {
        String what = url.server() + " redirected " + method + " " + from.getPath();
        if (location == null) {
            return new IOException(what + " (HTTP " + status + ") without a Location");
        }
        URI to = from.resolve(location);
        if (!"https".equalsIgnoreCase(to.getScheme())) {
            return new IOException(what + " to " + to + ", which is not HTTPS: refused (the proxy would travel in clear)");
        }
        return new IOException(what + " to " + to + ": too many redirects");
    }

    IOException failure(HttpRequest request, Throwable cause) {
        return failure(request.method(), request.uri(), cause);
    }

    /** A transport failure in one line: TLS (trust, hostname), connection, timeout. */
    IOException failure(String method, URI uri, Throwable cause) {
        String server = url.server();
        Throwable root = cause;
        boolean tlsFailure = false;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            tlsFailure |= t instanceof SSLHandshakeException;
            root = t;
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (tlsFailure || cause instanceof javax.net.ssl.SSLException) {
            if (detail.contains("PKIX path") || detail.contains("unable to find valid certification path")) {
                detail = "the server's certificate is not signed by a CA in $X509_CERT_DIR";
            }
            return new IOException("TLS handshake with " + server + " failed: " + detail, cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new IOException("cannot connect to " + server + ": timed out", cause);
        }
        if (cause instanceof ConnectException) {
            return new IOException("cannot connect to " + server + ": " + (detail.isBlank() ? "connection refused" : detail), cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
            return new IOException("no answer from " + server + " in time (" + method + " " + uri.getPath() + ")", cause);
        }
        if (cause instanceof InterruptedIOException interrupted) {
            return interrupted;
        }
        if (cause instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(url.server())) {
            return io; // already ours
        }
        return new IOException(server + ": " + method + " " + uri.getPath() + " failed: " + detail, cause);
    }

    IOException status(HttpRequest request, int status) {
        return status(request.method(), request.uri(), status);
    }

    /** An unexpected HTTP status in one line. */
    IOException status(String method, URI uri, int status) {
        String what = method + " " + uri.getPath();
        return switch (status) {
            case 401, 403 -> new java.nio.file.AccessDeniedException(uri.getPath(), null,
                    "permission denied by " + url.server() + " (HTTP " + status + ", " + method + ")");
            case 404 -> new java.nio.file.NoSuchFileException(uri.getPath(), null, "not found on " + url.server());
            case 507 -> new IOException("no space left on " + url.server() + " (HTTP 507, " + what + ")");
            default -> new IOException(url.server() + " answered HTTP " + status + " to " + what);
        };
    }
}
