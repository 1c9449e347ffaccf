package org.hlsgateway.packaging.entity;

/** The 32-bit sample flags of {@code trex}, {@code tfhd} and {@code trun} (ISO/IEC 14496-12, 8.8.3.1). */
public final class SampleFlags {

    private SampleFlags() {
    }

    /** {@code sample_depends_on} (2 bits): 1 = depends on others (not an I picture), 2 = depends on none. */
    public static int dependsOn(int flags) {
        return flags >>> 24 & 3;
    }

    /** {@code sample_is_non_sync_sample}. */
    public static boolean nonSync(int flags) {
        return (flags >>> 16 & 1) == 1;
    }

    /** A sync sample (a keyframe): the non-sync bit clear and not marked as depending on other samples. */
    public static boolean isSync(int flags) {
        return !nonSync(flags) && dependsOn(flags) != 1;
    }
}
