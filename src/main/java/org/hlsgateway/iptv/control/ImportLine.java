package org.hlsgateway.iptv.control;

import java.util.List;
import org.hlsgateway.channels.entity.Channel;

/** What an import does with one line: create or update a channel, or reject the line and why. */
public record ImportLine(int line, Action action, String nickname, Channel channel, List<String> reasons) {

    /** The outcome of one line. */
    public enum Action {
        CREATE, UPDATE, REJECT
    }

    public static ImportLine reject(int line, String nickname, List<String> reasons) {
        return new ImportLine(line, Action.REJECT, nickname, null, List.copyOf(reasons));
    }
}
