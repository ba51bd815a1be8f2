package org.dshell.backend.webdav;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which names are taken in a collection of a WebDAV SE, from one PROPFIND of the collection, kept for
 * a few seconds and added to by this SE's own MOVEs. Publishing must not overwrite bytes that are
 * already there (XRootD's MOVE replaces its destination whatever {@code Overwrite: F} says), and
 * asking with a HEAD per file costs a TLS handshake per file: XrdHttp closes the connection after
 * every 404. A listing answers 207 and keeps the connection.
 */
final class TakenNames {
    /** How long a listing is trusted: a name taken by another client since may be missed for this long. */
    static final Duration FRESH_FOR = Duration.ofSeconds(10);

    /** Lists a collection's member names; null when the collection does not exist. */
    interface Lister {
        Set<String> names(String collection) throws IOException;
    }

    private record Listing(Set<String> names, Instant loaded) {
    }

    private final Lister lister;
    private final Clock clock;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    TakenNames(Lister lister, Clock clock) {
        this.lister = lister;
        this.clock = clock;
    }

    /** Whether {@code name} is taken in {@code collection}. */
    boolean taken(String collection, String name) throws IOException {
        return listing(collection).names().contains(name);
    }

    /** Records a name this SE just filled. */
    void add(String collection, String name) {
        Listing listing = listings.get(collection);
        if (listing != null) {
            listing.names().add(name);
        }
    }

    private Listing listing(String collection) throws IOException {
        Listing listing = listings.get(collection);
        if (listing != null && clock.instant().isBefore(listing.loaded().plus(FRESH_FOR))) {
            return listing;
        }
        Set<String> names = ConcurrentHashMap.newKeySet();
        Set<String> listed = lister.names(collection);
        if (listed != null) {
            names.addAll(listed);
        }
        Listing fresh = new Listing(names, clock.instant());
        listings.put(collection, fresh);
        return fresh;
    }
}
