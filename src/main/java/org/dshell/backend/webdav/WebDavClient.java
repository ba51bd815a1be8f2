package org.dshell.backend.webdav;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * The HTTP side of a WebDAV SE: one HTTP/1.1 client per SE (its connections are kept and reused by
 * every transfer, -j N of them at once), rebuilt only when the TLS context changes (a new proxy).
 * Failures become IOExceptions whose message is the one line a user reads, naming the server.
 */
final class WebDavClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final WebDavUrl url;
    private final Supplier<SSLContext> tls;
    private SSLContext clientContext;
    private HttpClient client;

    WebDavClient(WebDavUrl url, Supplier<SSLContext> tls) {
        this.url = url;
        this.tls = tls;
    }

    WebDavUrl url() {
        return url;
    }

    /** The client for the current TLS context (asking for it checks the proxy, cheaply). */
    synchronized HttpClient client() {
        SSLContext context = tls.get();
        if (client == null || context != clientContext) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1) // XRootD and dCache speak HTTP/1.1 only
                    .sslContext(context)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL) // dCache doors redirect to pools
                    .build();
            clientContext = context;
        }
        return client;
    }

    HttpRequest.Builder request(String method, String pfn) {
        return request(method, url.of(pfn));
    }

    HttpRequest.Builder request(String method, URI uri) {
        return HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
    }

    /** Sends and waits; interruption (Ctrl-C) aborts the request. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        return await(sendAsync(request, body), request);
    }

    <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return client().sendAsync(request, body);
    }

    /** Waits for an answer; interruption cancels the request. */
    <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> pending, HttpRequest request) throws IOException {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw failure(request, e.getCause());
        }
    }

    /** A transport failure in one line: TLS (trust, hostname), connection, timeout. */
    IOException failure(HttpRequest request, Throwable cause) {
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
        if (cause instanceof HttpTimeoutException) {
            return new IOException("no answer from " + server + " in time (" + request.method() + " " + request.uri().getPath() + ")", cause);
        }
        if (cause instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(url.server())) {
            return io; // already ours
        }
        return new IOException(server + ": " + request.method() + " " + request.uri().getPath() + " failed: " + detail, cause);
    }

    /** An unexpected HTTP status in one line. */
    IOException status(HttpRequest request, int status) {
        String what = request.method() + " " + request.uri().getPath();
        return switch (status) {
            case 401, 403 -> new java.nio.file.AccessDeniedException(request.uri().getPath(), null,
                    "permission denied by " + url.server() + " (HTTP " + status + ", " + request.method() + ")");
            case 404 -> new java.nio.file.NoSuchFileException(request.uri().getPath(), null, "not found on " + url.server());
            case 507 -> new IOException("no space left on " + url.server() + " (HTTP 507, " + what + ")");
            default -> new IOException(url.server() + " answered HTTP " + status + " to " + what);
        };
    }
}
