package org.hlsgateway.iptv.control;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives channel nicknames from display names: lower-case ASCII letters, digits and '-', at most
 * {@link #MAX} characters, so that a slug always matches {@code [a-z0-9][a-z0-9_-]{0,63}}.
 */
public final class Nicknames {

    public static final int MAX = 64;
    static final String FALLBACK = "channel";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern OTHERS = Pattern.compile("[^a-z0-9]+");

    private Nicknames() {
    }

    /**
     * {@code "Café TV 1 (HD)"} becomes {@code "cafe-tv-1-hd"}: accents are stripped, runs of other
     * characters become '-', and {@code "channel"} is used when nothing is left (e.g. a Chinese name).
     */
    public static String slug(String name) {
        if (name == null) {
            return FALLBACK;
        }
        String ascii = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        String slug = trimDashes(OTHERS.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-"));
        slug = cut(slug, MAX);
        return slug.isEmpty() ? FALLBACK : slug;
    }

    /**
     * {@code base} when it is not in {@code taken}, else {@code base-2}, {@code base-3}, ..., with
     * {@code base} shortened so that the result stays within {@link #MAX} characters. Adds the
     * result to {@code taken}.
     */
    public static String unique(String base, Set<String> taken) {
        Objects.requireNonNull(base, "base");
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++) {
            String suffix = "-" + n;
            String shortened = cut(base, MAX - suffix.length());
            candidate = (shortened.isEmpty() ? base.substring(0, Math.min(base.length(), MAX - suffix.length()))
                    : shortened) + suffix;
        }
        taken.add(candidate);
        return candidate;
    }

    /** At most {@code max} characters, without '-' at the end. */
    private static String cut(String text, int max) {
        String cut = text.length() > max ? text.substring(0, max) : text;
        int end = cut.length();
        while (end > 0 && cut.charAt(end - 1) == '-') {
            end--;
        }
        return cut.substring(0, end);
    }

    private static String trimDashes(String text) {
        int start = 0;
        while (start < text.length() && text.charAt(start) == '-') {
            start++;
        }
        return cut(text.substring(start), Integer.MAX_VALUE);
    }
}
