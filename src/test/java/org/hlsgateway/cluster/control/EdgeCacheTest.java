package org.hlsgateway.cluster.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EdgeCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger fetches = new AtomicInteger();

    private static EdgeCache.Answer answer(int size, long maxAge) {
        return new EdgeCache.Answer(200, Map.of("content-type", List.of("video/iso.segment")), new byte[size], maxAge);
    }

    @Test
    void viewersAskingWhileAFetchRunsShareItAndAKeptAnswerCostsNoFetchUntilItsAgeIsUp() throws Exception {
        EdgeCache cache = new EdgeCache(1 << 20, now::get);
        CompletableFuture<EdgeCache.Answer> owner = new CompletableFuture<>();
        CompletableFuture<EdgeCache.Answer> first = cache.get("7 /read/cam/part1.m4s", () -> { fetches.incrementAndGet(); return owner; });
        CompletableFuture<EdgeCache.Answer> second = cache.get("7 /read/cam/part1.m4s", () -> { fetches.incrementAndGet(); return owner; });
        assertEquals(1, fetches.get(), "one fetch for two viewers");
        owner.complete(answer(1000, 60_000));
        assertSame(first.get(), second.get());
        cache.get("7 /read/cam/part1.m4s", () -> { fetches.incrementAndGet(); return CompletableFuture.completedFuture(answer(1, 1)); }).get();
        assertEquals(1, fetches.get(), "kept");
        assertEquals(1000, cache.bytes());
        now.addAndGet(60_001);
        cache.sweep();
        assertEquals(0, cache.bytes(), "expired and dropped");
        cache.get("7 /read/cam/part1.m4s", () -> { fetches.incrementAndGet(); return CompletableFuture.completedFuture(answer(5, 0)); }).get();
        assertEquals(2, fetches.get());
        assertEquals(2, cache.hits());
    }

    @Test
    void answersWithoutAnAgeFailuresAndAnswersPastTheBoundAreNotKept() throws Exception {
        EdgeCache cache = new EdgeCache(1500, now::get);
        cache.get("a", () -> { fetches.incrementAndGet(); return CompletableFuture.completedFuture(answer(10, 0)); }).get();
        cache.get("a", () -> { fetches.incrementAndGet(); return CompletableFuture.completedFuture(answer(10, 0)); }).get();
        assertEquals(2, fetches.get(), "a playlist or an error is fetched every time");
        CompletableFuture<EdgeCache.Answer> failed = cache.get("b", () -> CompletableFuture.failedFuture(new java.io.IOException("refused")));
        assertThrows(ExecutionException.class, failed::get);
        byte[] body = cache.get("b", () -> CompletableFuture.completedFuture(answer(1000, 60_000))).get().body();
        assertArrayEquals(new byte[1000], body, "a failed fetch is not remembered");
        cache.get("c", () -> { fetches.incrementAndGet(); return CompletableFuture.completedFuture(answer(1000, 60_000)); }).get();
        cache.get("c", () -> { fetches.incrementAndGet(); return CompletableFuture.completedFuture(answer(1000, 60_000)); }).get();
        assertEquals(4, fetches.get(), "past 1,500 bytes nothing more is kept");
        assertEquals(1000, cache.bytes());
    }
}
