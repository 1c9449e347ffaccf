package org.hlsgateway.iptv.control;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.api.FieldError;
import org.hlsgateway.transcoding.control.SourceUrl;
import org.hlsgateway.channels.entity.Channel;

/**
 * Decides, line by line, what an import does: nicknames come from the file or are made from the
 * name (unique among all channels); existing nicknames are updated, not duplicated; every line
 * is validated like an API request. Pure logic: the caller loads the existing channels and stores the result.
 */
public final class ImportPlanner {

    private ImportPlanner() {
    }

    public static List<ImportLine> plan(List<ImportRow> rows, Map<String, Channel> existing, boolean publicByDefault) {
        return plan(rows, existing, publicByDefault, new ImportProgress());
    }

    public static List<ImportLine> plan(List<ImportRow> rows, Map<String, Channel> existing, boolean publicByDefault,
                                        ImportProgress progress) {
        progress.checking(rows.size());
        Set<String> taken = new HashSet<>(existing.keySet());
        Map<String, Integer> seenInFile = new HashMap<>();
        List<ImportLine> plan = new ArrayList<>(rows.size());
        int order = existing.values().stream().mapToInt(Channel::getSortOrder).max().orElse(0);
        for (ImportRow row : rows) {
            progress.lineChecked();
            if (row.isRejected()) {
                plan.add(ImportLine.reject(row.line(), row.nickname(), List.of(row.error())));
                continue;
            }
            String nickname = row.nickname() != null ? row.nickname() : derivedNickname(row, existing, seenInFile, taken);
            Integer earlier = seenInFile.putIfAbsent(nickname, row.line());
            if (earlier != null) {
                plan.add(ImportLine.reject(row.line(), nickname, List.of("nickname '" + nickname
                        + "' is already used on line " + earlier + " of this file")));
                continue;
            }
            taken.add(nickname);
            Channel stored = existing.get(nickname);
            Channel channel = new Channel();
            if (stored != null) {
                channel.copySettingsFrom(stored); // keeps transport, codecs, access and order
            } else {
                channel.setPublicAccess(publicByDefault);
                channel.setSortOrder(++order > 1_000_000 ? 1_000_000 : order);
            }
            channel.setNickname(nickname);
            channel.setUrl(row.url());
            channel.setName(row.name() != null ? row.name() : stored != null ? stored.getName() : null);
            channel.setGroupTitle(row.group());
            channel.setLogo(row.logo());
            channel.setTvgId(row.tvgId());
            channel.setTvgName(row.tvgName());
            if (channel.getName() == null || channel.getName().isBlank()) {
                channel.setName(nickname);
            }
            List<FieldError> errors = ChannelValidator.check(channel);
            if (!errors.isEmpty()) {
                plan.add(ImportLine.reject(row.line(), nickname, errors.stream().map(FieldError::message).toList()));
            } else {
                plan.add(new ImportLine(row.line(), stored == null ? ImportLine.Action.CREATE : ImportLine.Action.UPDATE,
                        nickname, channel, List.of()));
            }
        }
        return plan;
    }

    /**
     * A nickname made from the name: the stored channel of that name is updated when the file does
     * not use it yet (so re-importing a file without nicknames updates, never duplicates); otherwise
     * the slug is made unique.
     */
    private static String derivedNickname(ImportRow row, Map<String, Channel> existing, Map<String, Integer> seenInFile,
                                          Set<String> taken) {
        String slug = Nicknames.slug(firstNonBlank(row.name(), row.tvgName(), host(row.url())));
        if (existing.containsKey(slug) && !seenInFile.containsKey(slug)) {
            return slug;
        }
        return Nicknames.unique(slug, taken);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "channel";
    }

    private static String host(String url) {
        if (url == null || SourceUrl.scheme(url) == null) {
            return null;
        }
        try {
            return new URI(url).getHost();
        } catch (Exception e) {
            return null;
        }
    }
}
