package org.hlsgateway.transcoding.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/** Once a second, stops every transcoder that nobody has asked for within the idle timeout. */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // no database here: no JTA transaction per call on the hot path
public class IdleReaper {

    @Inject
    Transcoders transcoders;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "hls-idle-reaper")
    void reap() {
        transcoders.stopIdle();
    }
}
