package org.hlsgateway;

import java.util.Map;
import org.eclipse.persistence.internal.databaseaccess.DatasourcePlatform;
import org.eclipse.persistence.sequencing.NativeSequence;
import org.eclipse.persistence.sequencing.Sequence;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * EclipseLink (Payara) only, named by {@code eclipselink.session-event-listener} in persistence.xml:
 * right after login, before schema generation, creates each database sequence of the entities'
 * {@code @SequenceGenerator}s that does not exist yet ({@code CREATE SEQUENCE IF NOT EXISTS}, H2 and
 * PostgreSQL). Without it, {@code create-or-extend-tables} probes each sequence with
 * {@code NEXT VALUE FOR} on the first start, and EclipseLink logs the failed probe as a WARNING with a
 * stack trace ({@code Sequence "HLS_USER_SEQ" not found}) before it creates the sequence itself.
 * Start value and increment are the generator's, as EclipseLink would have created them.
 */
public class SequencesBeforeSchema extends SessionEventAdapter {

    @Override
    public void postLogin(SessionEvent event) {
        if (!(event.getSession().getDatasourcePlatform() instanceof DatasourcePlatform platform)
                || !platform.supportsSequenceObjects() || !(platform.isH2() || platform.isPostgreSQL())) {
            return; // other databases: EclipseLink's own probe
        }
        Map<String, Sequence> sequences = platform.getSequences();
        if (sequences == null) {
            return;
        }
        for (Sequence sequence : sequences.values()) {
            if (sequence instanceof NativeSequence && !sequence.shouldAcquireValueAfterInsert()
                    && sequence.getName().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                event.getSession().executeNonSelectingSQL("CREATE SEQUENCE IF NOT EXISTS " + sequence.getName()
                        + " START WITH " + sequence.getInitialValue() + " INCREMENT BY " + sequence.getPreallocationSize());
            }
        }
    }
}
