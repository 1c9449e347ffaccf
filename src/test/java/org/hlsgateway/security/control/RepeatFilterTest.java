package org.hlsgateway.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatFilterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RepeatFilter filter = new RepeatFilter(60_000, 3, now::get);

    @Test
    void theFirstLineOfAKindPassesThenOnePerQuietPeriodWithTheCountHeldBack() {
        assertEquals(0, filter.admit("revoked|10.0.0.1"));
        for (int i = 0; i < 99; i++) {
            now.addAndGet(100);
            assertEquals(-1, filter.admit("revoked|10.0.0.1"));
        }
        assertEquals(0, filter.admit("expired|10.0.0.1"), "another kind is not held back by the first");
        now.set(1_000_000 + 60_000);
        assertEquals(99, filter.admit("revoked|10.0.0.1"), "a minute later: one line, saying how many were held back");
        assertEquals(-1, filter.admit("revoked|10.0.0.1"));
        now.addAndGet(60_000);
        assertEquals(1, filter.admit("revoked|10.0.0.1"));
    }

    @Test
    void aFloodOfDistinctKindsDoesNotGrowWithoutBound() {
        for (int i = 0; i < 1_000; i++) {
            assertEquals(0, filter.admit("client-" + i), "each new kind passes");
        }
        assertEquals(0, filter.admit("client-0"), "forgotten when the map started over: passes again");
    }
}
