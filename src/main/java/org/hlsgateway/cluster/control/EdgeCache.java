package org.hlsgateway.cluster.control;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What an edge keeps of the owner's answers: requests for one URL while its fetch runs share that fetch, and an
 * answer the owner marks cacheable (parts, segments, init sections: {@code max-age}) is kept for its age, so that N
 * viewers on one edge cost the owner one fetch per file. Bounded in bytes; past the bound, answers are passed on
 * without being kept. Playlists are never kept, only shared while fetched: the owner hears of every player that
 * shared a fetch with the next one ({@code X-HLS-Also}), which is how it sees that its channel is watched.
 */
public final class EdgeCache {

    /** An answer as the edge passes it on. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body, long maxAgeMillis) {
    }

    private record Entry(CompletableFuture<Answer> answer, long expires, long size) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;
    private final LongSupplier clock;
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    public EdgeCache(long maxBytes, LongSupplier clock) {
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** The answer for {@code key}: kept, being fetched, or fetched now by {@code fetch}. */
    public CompletableFuture<Answer> get(String key, Supplier<CompletableFuture<Answer>> fetch) {
        long now = clock.getAsLong();
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        Entry entry = entries.compute(key, (k, old) -> {
            if (old != null && (old.expires > now || !old.answer.isDone())) {
                return old;
            }
            if (old != null) {
                bytes.addAndGet(-old.size);
            }
            return new Entry(mine, Long.MAX_VALUE, 0);
        });
        if (entry.answer != mine) {
            hits.incrementAndGet();
            return entry.answer;
        }
        fetches.incrementAndGet();
        fetch.get().whenComplete((answer, error) -> {
            if (error != null || answer.maxAgeMillis() <= 0 || bytes.get() + answer.body().length > maxBytes) {
                entries.remove(key, entry);
            } else {
                bytes.addAndGet(answer.body().length);
                entries.replace(key, entry, new Entry(mine, clock.getAsLong() + answer.maxAgeMillis(), answer.body().length));
            }
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(answer);
            }
        });
        return mine;
    }

    /** Drops what has expired; called every second. */
    public void sweep() {
        long now = clock.getAsLong();
        entries.forEach((key, entry) -> {
            if (entry.expires <= now && entry.answer.isDone() && entries.remove(key, entry)) {
                bytes.addAndGet(-entry.size);
            }
        });
    }

    public long bytes() {
        return bytes.get();
    }

    /** Fetches from owners, and requests answered without one (a kept answer or a shared fetch). */
    public long fetches() {
        return fetches.get();
    }

    public long hits() {
        return hits.get();
    }
}
