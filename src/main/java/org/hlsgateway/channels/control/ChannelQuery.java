package org.hlsgateway.channels.control;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which channels a list shows, as the database applies it: a search in nickname and name ({@code q}), one
 * {@code group}, only public ones, nicknames in (or not in) a set (the live state, known only in memory,
 * arrives as such a set), and a viewer's limits (channels in {@code allowedGroups} or named in
 * {@code allowedNicknames}; both empty: no limits). Null and empty mean "any".
 */
public record ChannelQuery(String q, String group, boolean publicOnly, Set<String> nicknamesIn,
                           Set<String> nicknamesNotIn, Set<String> allowedGroups, Set<String> allowedNicknames) {

    public static final ChannelQuery ALL = new ChannelQuery(null, null, false, null, Set.of(), Set.of(), Set.of());

    public ChannelQuery {
        q = q == null || q.isBlank() ? null : q.strip();
        group = group == null || group.isBlank() ? null : group;
        nicknamesIn = nicknamesIn == null ? null : Set.copyOf(nicknamesIn);
        nicknamesNotIn = nicknamesNotIn == null ? Set.of() : Set.copyOf(nicknamesNotIn);
        allowedGroups = allowedGroups == null ? Set.of() : Set.copyOf(allowedGroups);
        allowedNicknames = allowedNicknames == null ? Set.of() : Set.copyOf(allowedNicknames);
    }

    public ChannelQuery search(String text) {
        return new ChannelQuery(text, group, publicOnly, nicknamesIn, nicknamesNotIn, allowedGroups, allowedNicknames);
    }

    public ChannelQuery inGroup(String name) {
        return new ChannelQuery(q, name, publicOnly, nicknamesIn, nicknamesNotIn, allowedGroups, allowedNicknames);
    }

    public ChannelQuery publicOnly(boolean only) {
        return new ChannelQuery(q, group, only, nicknamesIn, nicknamesNotIn, allowedGroups, allowedNicknames);
    }

    /** Only these nicknames (e.g. the channels that are LIVE now). */
    public ChannelQuery only(Set<String> nicknames) {
        return new ChannelQuery(q, group, publicOnly, nicknames, nicknamesNotIn, allowedGroups, allowedNicknames);
    }

    /** None of these nicknames (e.g. IDLE: every channel but those with a transcoder state). */
    public ChannelQuery except(Set<String> nicknames) {
        return new ChannelQuery(q, group, publicOnly, nicknamesIn, nicknames, allowedGroups, allowedNicknames);
    }

    /** A viewer's limits: channels in one of {@code groups} or named in {@code nicknames}; both empty: all. */
    public ChannelQuery within(Set<String> groups, Set<String> nicknames) {
        return new ChannelQuery(q, group, publicOnly, nicknamesIn, nicknamesNotIn, groups, nicknames);
    }

    /** True when no channel can match (an empty "only" set): the database need not be asked. */
    public boolean matchesNothing() {
        return nicknamesIn != null && nicknamesIn.isEmpty();
    }

    /** The JPQL condition on {@code c} (a Channel), " WHERE ..." or empty, with its parameters in {@code parameters}. */
    public String where(Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder();
        if (q != null) {
            // LIKE without ESCAPE or LOCATE: with those EclipseLink inlines every parameter, and on H2 the
            // inlined boolean (1) no longer compares with PUBLIC_ACCESS. So % and _ typed in a search are wildcards.
            and(where, "(LOWER(c.nickname) LIKE :q OR LOWER(c.name) LIKE :q)");
            parameters.put("q", "%" + q.toLowerCase(Locale.ROOT) + "%");
        }
        if (group != null) {
            and(where, "c.groupTitle = :group");
            parameters.put("group", group);
        }
        if (publicOnly) {
            and(where, "c.publicAccess = :publicAccess");
            parameters.put("publicAccess", Boolean.TRUE);
        }
        if (nicknamesIn != null && !nicknamesIn.isEmpty()) {
            and(where, "c.nickname IN :nicknamesIn");
            parameters.put("nicknamesIn", nicknamesIn);
        }
        if (!nicknamesNotIn.isEmpty()) {
            and(where, "c.nickname NOT IN :nicknamesNotIn");
            parameters.put("nicknamesNotIn", nicknamesNotIn);
        }
        if (!allowedGroups.isEmpty() || !allowedNicknames.isEmpty()) {
            String groups = allowedGroups.isEmpty() ? null : "c.groupTitle IN :allowedGroups";
            String nicknames = allowedNicknames.isEmpty() ? null : "c.nickname IN :allowedNicknames";
            and(where, "(" + (groups == null ? nicknames : nicknames == null ? groups : groups + " OR " + nicknames) + ")");
            if (groups != null) {
                parameters.put("allowedGroups", allowedGroups);
            }
            if (nicknames != null) {
                parameters.put("allowedNicknames", allowedNicknames);
            }
        }
        return where.toString();
    }

    /** The condition plus a keyset: only channels after {@code after} in the list's order (sortOrder, nickname). */
    public String where(Map<String, Object> parameters, ChannelCursor after) {
        String where = where(parameters);
        if (after == null) {
            return where;
        }
        parameters.put("afterOrder", after.sortOrder());
        parameters.put("afterNickname", after.nickname());
        return (where.isEmpty() ? " WHERE " : where + " AND ")
                + "(c.sortOrder > :afterOrder OR (c.sortOrder = :afterOrder AND c.nickname > :afterNickname))";
    }

    public static Map<String, Object> parameters() {
        return new LinkedHashMap<>();
    }

    private static void and(StringBuilder where, String condition) {
        where.append(where.isEmpty() ? " WHERE " : " AND ").append(condition);
    }
}
