package org.hlsgateway.iptv.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.interceptor.Interceptors;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.hlsgateway.database.boundary.DatabaseOutages;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.iptv.control.ImportLine;
import org.hlsgateway.iptv.control.ImportPlanner;
import org.hlsgateway.iptv.control.ImportProgress;
import org.hlsgateway.iptv.control.ImportRow;
import org.hlsgateway.security.entity.Role;
import org.hlsgateway.transcoding.boundary.Transcoders;

/** Batch import of channels: plans every line, then applies all of them in one transaction (or none). */
@Stateless
@Interceptors(DatabaseOutages.class) // a lost connection: 503, logged once, no stack trace per call
@RolesAllowed(Role.ADMIN_NAME)
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class.getName());

    /** The plan and whether it was stored. */
    public record Result(boolean applied, List<ImportLine> lines) {

        public long count(ImportLine.Action action) {
            return lines.stream().filter(l -> l.action() == action).count();
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Transcoders transcoders;

    @Inject
    GatewayConfig config;

    /**
     * @param partial store the valid lines even when others are rejected (default: all or nothing)
     */
    public Result run(List<ImportRow> rows, boolean dryRun, boolean partial) {
        return run(rows, dryRun, partial, new ImportProgress());
    }

    /** The same, reporting how far it has come to {@code progress} (the console's progress bar). */
    public Result run(List<ImportRow> rows, boolean dryRun, boolean partial, ImportProgress progress) {
        Map<String, Channel> existing = em.createNamedQuery(Channel.ALL, Channel.class).getResultList().stream()
                .collect(Collectors.toMap(Channel::getNickname, Function.identity()));
        List<ImportLine> plan = ImportPlanner.plan(rows, existing, config.publicByDefault(), progress);
        boolean rejected = plan.stream().anyMatch(l -> l.action() == ImportLine.Action.REJECT);
        if (dryRun || (rejected && !partial)) {
            return new Result(false, plan);
        }
        progress.storing((int) plan.stream().filter(l -> l.action() != ImportLine.Action.REJECT).count());
        int stored = 0;
        for (ImportLine line : plan) {
            if (line.action() == ImportLine.Action.CREATE) {
                em.persist(line.channel());
            } else if (line.action() == ImportLine.Action.UPDATE) {
                transcoders.stopAndWait(line.nickname());
                existing.get(line.nickname()).copySettingsFrom(line.channel());
            } else {
                continue;
            }
            progress.channelStored();
            if (++stored % 500 == 0) {
                em.flush();
            }
        }
        em.flush();
        Result result = new Result(true, plan);
        LOG.info(() -> "import: " + result.count(ImportLine.Action.CREATE) + " created, "
                + result.count(ImportLine.Action.UPDATE) + " updated, " + result.count(ImportLine.Action.REJECT) + " rejected");
        return result;
    }
}
