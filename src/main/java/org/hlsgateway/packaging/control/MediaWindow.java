package org.hlsgateway.packaging.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import org.hlsgateway.packaging.entity.InitSection;
import org.hlsgateway.packaging.entity.Numbering;
import org.hlsgateway.packaging.entity.Part;
import org.hlsgateway.packaging.entity.Position;
import org.hlsgateway.packaging.entity.Segment;
import org.hlsgateway.packaging.entity.WindowSnapshot;

/**
 * One channel's segments and parts in memory: the {@code listed} newest complete segments that a playlist shows,
 * {@code retained} older ones still served to players that fetched an older playlist (RFC 8216 6.2.2), and the parts
 * of the open segment. Players wait for a part or segment through a future (no thread per waiter), completed on the
 * segmenter's thread after the window's lock is released; a wait too far ahead fails at once. Thread-safe.
 */
public final class MediaWindow implements Segmenter.Output {

    private final int listed;
    private final int kept;
    private final int advancePartLimit;
    private final ArrayDeque<Segment> complete = new ArrayDeque<>();
    private final TreeMap<Long, Part> parts = new TreeMap<>();
    private final Map<Long, InitSection> inits = new HashMap<>();
    private final Waiters<Long> byNumber = new Waiters<>();
    private final Waiters<Position> byPosition = new Waiters<>();
    private final Waiters<Long> bySegment = new Waiters<>();
    private Segment open;
    private long newestMsn;
    private long lastCompleteMsn;
    private long nextPartNumber;
    private boolean closed;
    /** The snapshot of the window as it is, made at most once per change: many players read each one. */
    private WindowSnapshot current;
    /** The bytes of complete segments a player asked for, joined once, dropped with the segment. */
    private final Map<Long, byte[]> joined = new HashMap<>();

    /**
     * @param advancePartLimit how many parts beyond the newest a player may wait for (RFC 8216bis: 3 for a part
     *        target of a second or more, else 3 / part target)
     */
    public MediaWindow(int listed, int retained, int advancePartLimit, Numbering numbering) {
        if (listed < 1 || retained < 0 || advancePartLimit < 1) {
            throw new IllegalArgumentException("listed >= 1, retained >= 0, advancePartLimit >= 1");
        }
        this.listed = listed;
        this.kept = listed + retained;
        this.advancePartLimit = advancePartLimit;
        this.newestMsn = numbering.firstMsn() - 1;
        this.lastCompleteMsn = numbering.firstMsn() - 1;
        this.nextPartNumber = numbering.firstPart();
    }

    @Override
    public void partAdded(Segment growing, Part part) {
        List<CompletableFuture<Void>> due;
        synchronized (this) {
            current = null;
            open = growing;
            parts.put(part.number(), part);
            inits.put(growing.init().discontinuity(), growing.init());
            newestMsn = growing.msn();
            nextPartNumber = part.number() + 1;
            due = byNumber.release(part.number());
            due.addAll(byPosition.release(new Position(part.msn(), part.index())));
        }
        due.forEach(f -> f.complete(null));
    }

    @Override
    public void segmentClosed(Segment segment) {
        List<CompletableFuture<Void>> due;
        synchronized (this) {
            current = null;
            if (open != null && open.msn() == segment.msn()) {
                open = null;
            }
            complete.addLast(segment);
            lastCompleteMsn = segment.msn();
            newestMsn = Math.max(newestMsn, segment.msn());
            while (complete.size() > kept) {
                Segment gone = complete.removeFirst();
                joined.remove(gone.msn());
                gone.parts().forEach(p -> parts.remove(p.number()));
                if (complete.stream().noneMatch(s -> s.init() == gone.init())) {
                    inits.remove(gone.init().discontinuity());
                }
            }
            due = bySegment.release(segment.msn());
        }
        due.forEach(f -> f.complete(null));
    }

    /** The channel stopped: every waiting player is let go (its future fails with a CancellationException). */
    public void close() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            all.addAll(byNumber.drain());
            all.addAll(byPosition.drain());
            all.addAll(bySegment.drain());
        }
        all.forEach(f -> f.completeExceptionally(new CancellationException("the channel stopped")));
    }

    /** The window now; the same object until a part or segment is added. */
    public synchronized WindowSnapshot snapshot() {
        if (current == null) {
            List<Segment> all = new ArrayList<>(complete);
            current = new WindowSnapshot(List.copyOf(all.subList(Math.max(0, all.size() - listed), all.size())), open,
                    nextPartNumber);
        }
        return current;
    }

    public synchronized Optional<Part> part(long number) {
        return Optional.ofNullable(parts.get(number));
    }

    public synchronized Optional<Part> part(long msn, int index) {
        return parts.values().stream().filter(p -> p.msn() == msn && p.index() == index).findFirst();
    }

    /** A complete segment still kept (listed or retained); an open one is served by its parts only. */
    public synchronized Optional<Segment> segment(long msn) {
        return complete.stream().filter(s -> s.msn() == msn).findFirst();
    }

    /** The bytes of a complete segment still kept (its parts in order), joined at the first request for it. */
    public synchronized Optional<byte[]> segmentBytes(long msn) {
        byte[] known = joined.get(msn);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> bytes = segment(msn).map(MediaWindow::join);
        bytes.ifPresent(b -> joined.put(msn, b));
        return bytes;
    }

    private static byte[] join(Segment segment) {
        byte[] all = new byte[(int) segment.size()];
        int at = 0;
        for (Part part : segment.parts()) {
            System.arraycopy(part.bytes(), 0, all, at, part.bytes().length);
            at += part.bytes().length;
        }
        return all;
    }

    public synchronized Optional<InitSection> init(long discontinuity) {
        return Optional.ofNullable(inits.get(discontinuity));
    }

    /** Completes once part {@code number} exists (the preload hint's request). */
    public synchronized CompletableFuture<Void> whenPartNumber(long number) {
        if (number < nextPartNumber) {
            return CompletableFuture.completedFuture(null);
        }
        if (number >= nextPartNumber + advancePartLimit) {
            throw new TooFarAheadException("part " + number + " is more than " + advancePartLimit
                    + " parts ahead of the next part, " + nextPartNumber);
        }
        return closed ? cancelled() : byNumber.add(number);
    }

    /** Completes once the playlist holds part {@code index} of segment {@code msn} or a later part. */
    public synchronized CompletableFuture<Void> whenPart(long msn, int index) {
        checkAhead(msn);
        Position newest = open == null ? null : new Position(open.msn(), open.parts().size() - 1);
        Position wanted = new Position(msn, index);
        if (msn <= lastCompleteMsn || newest != null && wanted.compareTo(newest) <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        if (newest != null && msn == newest.msn() && index > newest.part() + advancePartLimit) {
            throw new TooFarAheadException("_HLS_part=" + index + " is more than " + advancePartLimit
                    + " parts ahead of the newest part, " + newest.part() + " of segment " + msn);
        }
        return closed ? cancelled() : byPosition.add(wanted);
    }

    /** Completes once segment {@code msn} is complete. */
    public synchronized CompletableFuture<Void> whenSegment(long msn) {
        checkAhead(msn);
        if (msn <= lastCompleteMsn) {
            return CompletableFuture.completedFuture(null);
        }
        return closed ? cancelled() : bySegment.add(msn);
    }

    /** Players waiting now, for the metrics. */
    public synchronized int waiting() {
        return byNumber.size() + byPosition.size() + bySegment.size();
    }

    private void checkAhead(long msn) {
        if (msn > newestMsn + 2) {
            throw new TooFarAheadException("_HLS_msn=" + msn + " is more than two segments ahead of the newest"
                    + " segment, " + newestMsn);
        }
    }

    private static CompletableFuture<Void> cancelled() {
        return CompletableFuture.failedFuture(new CancellationException("the channel stopped"));
    }
}
