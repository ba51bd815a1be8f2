package org.dshell.backend.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TakenNamesTest {
    private final Map<String, Set<String>> server = new HashMap<>();
    private final Map<String, Integer> listings = new HashMap<>();
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");

    private TakenNames names() {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new TakenNames(collection -> {
            listings.merge(collection, 1, Integer::sum);
            Set<String> names = server.get(collection);
            return names == null ? null : new HashSet<>(names);
        }, clock);
    }

    @Test
    void oneListingAnswersManyQuestionsAboutACollection() throws IOException {
        server.put("/d", Set.of("a.dat", "b.dat"));
        TakenNames names = names();
        assertTrue(names.taken("/d", "a.dat"));
        assertFalse(names.taken("/d", "c.dat"));
        assertTrue(names.taken("/d", "b.dat"));
        assertEquals(1, listings.get("/d"));
    }

    @Test
    void namesThisSeFillsAreTakenWithoutAskingAgain() throws IOException {
        server.put("/d", Set.of());
        TakenNames names = names();
        assertFalse(names.taken("/d", "new.dat"));
        names.add("/d", "new.dat");
        assertTrue(names.taken("/d", "new.dat"));
        assertEquals(1, listings.get("/d"));
    }

    @Test
    void aListingIsTrustedOnlyForAFewSeconds() throws IOException {
        server.put("/d", new HashSet<>(Set.of("a.dat")));
        TakenNames names = names();
        assertFalse(names.taken("/d", "late.dat"));
        server.get("/d").add("late.dat"); // another client fills the name
        now = now.plus(TakenNames.FRESH_FOR).plusMillis(1);
        assertTrue(names.taken("/d", "late.dat"));
        assertEquals(2, listings.get("/d"));
    }

    @Test
    void aMissingCollectionHasNoTakenNames() throws IOException {
        TakenNames names = names();
        assertFalse(names.taken("/nowhere", "a.dat"));
    }
}
