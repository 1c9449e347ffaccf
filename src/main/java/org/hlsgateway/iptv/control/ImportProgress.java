package org.hlsgateway.iptv.control;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far an import has come, for the console's progress bar: written by the import's thread,
 * read by the page's polls. Checking and storing are two phases of the same bar.
 */
public final class ImportProgress {

    private final AtomicInteger checked = new AtomicInteger();
    private final AtomicInteger stored = new AtomicInteger();
    private volatile int lines;
    private volatile int toStore;

    /** Before checking {@code lines} lines. */
    public void checking(int lines) {
        this.lines = lines;
    }

    public void lineChecked() {
        checked.incrementAndGet();
    }

    /** After checking: {@code channels} lines will be stored. */
    public void storing(int channels) {
        this.toStore = channels;
    }

    public void channelStored() {
        stored.incrementAndGet();
    }

    /** 0 to 100 over both phases; 100 only once every line is checked and every channel stored. */
    public int percent() {
        long total = (long) lines + toStore;
        if (total == 0) {
            return 0;
        }
        return (int) Math.min(100, (checked.get() + (long) stored.get()) * 100 / total);
    }

    /** E.g. {@code checked 4000 of 10000 lines} or {@code stored 1200 of 9000 channels}. */
    public String describe() {
        if (toStore > 0) {
            return "stored " + stored.get() + " of " + toStore + " channels";
        }
        return "checked " + checked.get() + " of " + lines + " lines";
    }
}
