package org.hlsgateway.playback.control;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * What the gateway last read from the database about each channel players asked for, so that a cold
 * {@code watch} of such a channel still starts while the database is unavailable. Refreshed by every
 * successful read (a channel found is remembered, one not found is forgotten) and used only when the
 * database cannot be asked. A few hundred bytes per channel watched since the start.
 */
public final class LastKnownChannels {

    private final Map<String, TranscodeSpec> specs = new ConcurrentHashMap<>();

    /** What the database just answered about {@code nickname}. */
    public void read(String nickname, Optional<TranscodeSpec> stored) {
        if (stored.isPresent()) {
            specs.put(nickname, stored.get());
        } else {
            specs.remove(nickname);
        }
    }

    public Optional<TranscodeSpec> last(String nickname) {
        return Optional.ofNullable(specs.get(nickname));
    }
}
