package org.hlsgateway.security.control;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which channels a viewer may see and watch: those in one of {@code groups} and those named in
 * {@code channels}. Both empty: every channel (no limits; admins always have none).
 */
public record ChannelLimits(Set<String> groups, Set<String> channels) {

    public static final ChannelLimits NONE = new ChannelLimits(Set.of(), Set.of());
    public static final int MAX_ENTRIES = 100;
    public static final String RULE = "groups and channels are lists of at most " + MAX_ENTRIES
            + " names of up to 100 characters without control characters or commas";

    public ChannelLimits {
        groups = Set.copyOf(groups);
        channels = Set.copyOf(channels);
    }

    /** An admin's are none; a viewer's are the stored ones. */
    public static ChannelLimits of(org.hlsgateway.security.entity.User user) {
        return user.getRole() == org.hlsgateway.security.entity.Role.ADMIN ? NONE
                : new ChannelLimits(read(user.getAllowedGroups()), read(user.getAllowedChannels()));
    }

    public boolean unlimited() {
        return groups.isEmpty() && channels.isEmpty();
    }

    /** Whether the channel {@code nickname} in {@code group} (may be null) is within the limits. */
    public boolean allows(String nickname, String group) {
        return unlimited() || channels.contains(nickname) || (group != null && groups.contains(group));
    }

    /** Whether anything in the limits needs the channel's group to decide. */
    public boolean needsGroup(String nickname) {
        return !unlimited() && !channels.contains(nickname) && !groups.isEmpty();
    }

    /** The stored form: names one a line, sorted. */
    public static String store(Collection<String> names) {
        return names.isEmpty() ? null : String.join("\n", new TreeSet<>(names));
    }

    public static Set<String> read(String stored) {
        return stored == null || stored.isBlank() ? Set.of()
                : Arrays.stream(stored.split("\n")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    /** The names of a comma-separated list as typed in the console; blanks dropped. */
    public static Set<String> parseList(String typed) {
        return typed == null ? Set.of() : Arrays.stream(typed.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Null when every name is acceptable; otherwise the rule. */
    public static String problem(Collection<String> names) {
        if (names.size() > MAX_ENTRIES) {
            return RULE;
        }
        for (String name : names) {
            if (name.isEmpty() || name.length() > 100 || name.indexOf(',') >= 0 || name.chars().anyMatch(c -> c < 0x20)) {
                return RULE;
            }
        }
        return null;
    }
}
