package org.hlsgateway.packaging.control;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Futures waiting for a key (a part number, a position, a segment) to be reached, sorted by key: releasing up to a
 * key finds exactly the futures due. Not thread-safe: its owner holds a lock and completes the released futures
 * after letting it go, so that no player's code runs under that lock.
 */
final class Waiters<K extends Comparable<K>> {

    private final NavigableMap<K, List<CompletableFuture<Void>>> waiting = new TreeMap<>();
    private int count;
    private int purgeAt = 64;

    CompletableFuture<Void> add(K key) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiting.computeIfAbsent(key, k -> new ArrayList<>(2)).add(future);
        count++;
        if (count >= purgeAt) {
            purgeDone();
            purgeAt = Math.max(64, 2 * count);
        }
        return future;
    }

    /** Removes and returns every future waiting for {@code reached} or less. */
    List<CompletableFuture<Void>> release(K reached) {
        NavigableMap<K, List<CompletableFuture<Void>>> due = waiting.headMap(reached, true);
        List<CompletableFuture<Void>> released = new ArrayList<>();
        due.values().forEach(released::addAll);
        due.clear();
        count -= released.size();
        return released;
    }

    /** Removes and returns all. */
    List<CompletableFuture<Void>> drain() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        waiting.values().forEach(all::addAll);
        waiting.clear();
        count = 0;
        return all;
    }

    /** Futures still waiting (those completed elsewhere are dropped first). */
    int size() {
        purgeDone();
        return count;
    }

    /** Drops futures already completed elsewhere (a timeout, a player gone), so that they do not pile up. */
    private void purgeDone() {
        waiting.values().removeIf(list -> {
            list.removeIf(CompletableFuture::isDone);
            return list.isEmpty();
        });
        count = waiting.values().stream().mapToInt(List::size).sum();
    }
}
