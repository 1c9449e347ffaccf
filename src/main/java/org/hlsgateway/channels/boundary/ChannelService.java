package org.hlsgateway.channels.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.interceptor.Interceptors;
import jakarta.inject.Inject;
import jakarta.annotation.Resource;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hlsgateway.database.boundary.DatabaseOutages;
import org.hlsgateway.channels.control.ChannelCursor;
import org.hlsgateway.channels.control.ChannelQuery;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.channels.control.DuplicateNicknameException;
import org.hlsgateway.transcoding.control.SourceUrl;
import org.hlsgateway.channels.control.UnknownChannelException;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.security.entity.Role;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.Prober;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/** Stores channels. The only class that talks to the database about them. */
@Stateless
@Interceptors(DatabaseOutages.class) // a lost connection: 503, logged once, no stack trace per call
@RolesAllowed(Role.ADMIN_NAME)
public class ChannelService {

    @Resource
    TransactionSynchronizationRegistry transactions;

    @PersistenceContext
    EntityManager em;

    @Inject
    Transcoders transcoders;

    @PermitAll
    public List<Channel> all() {
        return em.createNamedQuery(Channel.ALL, Channel.class).getResultList();
    }

    /**
     * One page of the channels {@code query} matches, in the list's order (sortOrder, nickname): those after
     * {@code after} (a keyset; null: from the start), skipping {@code offset} of them, at most {@code limit}.
     */
    @PermitAll
    public List<Channel> page(ChannelQuery query, ChannelCursor after, int offset, int limit) {
        if (query.matchesNothing()) {
            return List.of();
        }
        Map<String, Object> parameters = ChannelQuery.parameters();
        TypedQuery<Channel> select = em.createQuery("SELECT c FROM Channel c" + query.where(parameters, after)
                + " ORDER BY c.sortOrder, c.nickname", Channel.class);
        parameters.forEach(select::setParameter);
        return select.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** How many channels {@code query} matches in all. */
    @PermitAll
    public long count(ChannelQuery query) {
        if (query.matchesNothing()) {
            return 0;
        }
        Map<String, Object> parameters = ChannelQuery.parameters();
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(c) FROM Channel c" + query.where(parameters), Long.class);
        parameters.forEach(count::setParameter);
        return count.getSingleResult();
    }

    /** The group titles of the channels {@code within} matches, sorted (the console's group filter and Export menu). */
    @PermitAll
    public List<String> groups(ChannelQuery within) {
        if (within.matchesNothing()) {
            return List.of();
        }
        Map<String, Object> parameters = ChannelQuery.parameters();
        String where = within.where(parameters);
        TypedQuery<String> groups = em.createQuery("SELECT DISTINCT c.groupTitle FROM Channel c" + where
                + (where.isEmpty() ? " WHERE " : " AND ") + "c.groupTitle IS NOT NULL ORDER BY c.groupTitle", String.class);
        parameters.forEach(groups::setParameter);
        return groups.getResultList();
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
     * unchanged keeps the stored credentials. Once the change is committed, a channel people
     * watch restarts with the new settings (its players keep their playlist); a renamed one stops.
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
        boolean renamed = !changes.getNickname().equals(nickname);
        if (renamed) {
            transcoders.stopAndWait(nickname);
        }
        stored.copySettingsFrom(changes);
        em.flush();
        if (!renamed) {
            TranscodeSpec spec = stored.transcodeSpec();
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        transcoders.restart(spec);
                    }
                }
            });
        }
        return stored;
    }

    /** Tests the channel's source once (admins only, since it makes the gateway connect). */
    public Prober.Result probe(String nickname) {
        return transcoders.probe(get(nickname).transcodeSpec());
    }

    /** Starts the channel's FFmpeg now (warming it for viewers); returns at once, not at the first segment. */
    public void start(String nickname) {
        transcoders.startNow(get(nickname).transcodeSpec());
    }

    /** Stops the channel's FFmpeg now and waits until it has exited. */
    public void stop(String nickname) {
        get(nickname);
        transcoders.stopAndWait(nickname);
    }

    /** Deletes every channel of {@code group} in one statement, stopping their transcoders first; how many went. */
    public int deleteGroup(String group) {
        List<String> nicknames = em.createQuery("SELECT c.nickname FROM Channel c WHERE c.groupTitle = :group", String.class)
                .setParameter("group", group).getResultList();
        java.util.Set<String> tracked = transcoders.nicknames(org.hlsgateway.transcoding.entity.TranscoderState.IDLE);
        nicknames.stream().filter(tracked::contains).forEach(transcoders::stopAndWait);
        return em.createQuery("DELETE FROM Channel c WHERE c.groupTitle = :group").setParameter("group", group).executeUpdate();
    }

    /** Deletes the channel, stopping its transcoder first. */
    public void delete(String nickname) {
        Channel stored = get(nickname);
        transcoders.stopAndWait(nickname);
        em.remove(stored);
        em.flush(); // a lost connection fails here, inside the bean, not in the container's commit
    }
}
