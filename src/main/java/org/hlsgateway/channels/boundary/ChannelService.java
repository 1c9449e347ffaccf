package org.hlsgateway.channels.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.channels.control.DuplicateNicknameException;
import org.hlsgateway.channels.control.SourceUrl;
import org.hlsgateway.channels.control.UnknownChannelException;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.security.entity.Role;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.Prober;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/** Stores channels. The only class that talks to the database about them. */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class ChannelService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Transcoders transcoders;

    @PermitAll
    public List<Channel> all() {
        return em.createNamedQuery(Channel.ALL, Channel.class).getResultList();
    }

    @PermitAll
    public Optional<Channel> find(String nickname) {
        if (!ChannelValidator.isNickname(nickname)) {
            return Optional.empty();
        }
        return em.createNamedQuery(Channel.BY_NICKNAME, Channel.class)
                .setParameter("nickname", nickname)
                .getResultStream().findFirst();
    }

    @PermitAll
    public Channel get(String nickname) {
        return find(nickname).orElseThrow(() -> new UnknownChannelException(nickname));
    }

    public Channel create(Channel channel) {
        ChannelValidator.require(channel);
        if (find(channel.getNickname()).isPresent()) {
            throw new DuplicateNicknameException(channel.getNickname());
        }
        em.persist(channel);
        em.flush();
        return channel;
    }

    /**
     * Replaces the settings of {@code nickname} with {@code changes}. A masked URL sent back
     * unchanged keeps the stored credentials. A running transcoder is stopped so the next
     * viewer gets the new settings.
     */
    public Channel update(String nickname, Channel changes) {
        Channel stored = get(nickname);
        if (changes.getUrl() != null && changes.getUrl().equals(SourceUrl.masked(stored.getUrl()))) {
            changes.setUrl(stored.getUrl());
        }
        ChannelValidator.require(changes);
        if (!changes.getNickname().equals(nickname) && find(changes.getNickname()).isPresent()) {
            throw new DuplicateNicknameException(changes.getNickname());
        }
        transcoders.stopAndWait(nickname);
        stored.copySettingsFrom(changes);
        em.flush();
        return stored;
    }

    /** Tests the channel's source once (admins only, since it makes the gateway connect). */
    public Prober.Result probe(String nickname) {
        return transcoders.probe(TranscodeSpec.of(get(nickname)));
    }

    /** Deletes the channel, stopping its transcoder first. */
    public void delete(String nickname) {
        Channel stored = get(nickname);
        transcoders.stopAndWait(nickname);
        em.remove(stored);
    }
}
