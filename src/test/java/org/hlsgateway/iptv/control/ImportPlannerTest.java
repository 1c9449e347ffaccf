package org.hlsgateway.iptv.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {

    private static ImportRow row(int line, String nickname, String url, String name) {
        return new ImportRow(line, nickname, url, name, "G", null, null, null, null);
    }

    @Test
    void newNicknamesAreCreatedExistingOnesUpdatedKeepingTheirSettings() {
        Channel stored = new Channel();
        stored.setNickname("door");
        stored.setName("Door");
        stored.setUrl("rtsp://old/x");
        stored.setRtspTransport(RtspTransport.UDP);
        stored.setPublicAccess(true);

        List<ImportLine> plan = ImportPlanner.plan(List.of(row(2, "door", "rtsp://new/x", null),
                row(3, "yard", "rtsp://h/y", "Yard")), Map.of("door", stored), false);

        assertEquals(ImportLine.Action.UPDATE, plan.get(0).action());
        assertEquals("rtsp://new/x", plan.get(0).channel().getUrl());
        assertEquals(RtspTransport.UDP, plan.get(0).channel().getRtspTransport());
        assertTrue(plan.get(0).channel().isPublicAccess());
        assertEquals("Door", plan.get(0).channel().getName(), "a missing name keeps the stored one");
        assertEquals(ImportLine.Action.CREATE, plan.get(1).action());
        assertFalse(plan.get(1).channel().isPublicAccess(), "new channels get the configured default");
    }

    @Test
    void nicknamesAreMadeFromNamesAndKeptUnique() {
        List<ImportLine> plan = ImportPlanner.plan(List.of(row(1, null, "rtsp://h/a", "Front Door"),
                row(2, null, "rtsp://h/b", "Front Door"), row(3, null, "rtsp://camera7.lan/c", null)),
                Map.of(), false);

        assertEquals("front-door", plan.get(0).nickname());
        assertEquals("front-door-2", plan.get(1).nickname());
        assertEquals("camera7-lan", plan.get(2).nickname());
    }

    @Test
    void reimportingAFileWithoutNicknamesUpdatesInsteadOfDuplicating() {
        Channel stored = new Channel();
        stored.setNickname("front-door");
        stored.setName("Front Door");
        stored.setUrl("rtsp://h/old");

        List<ImportLine> plan = ImportPlanner.plan(List.of(row(1, null, "rtsp://h/a", "Front Door"),
                row(2, null, "rtsp://h/b", "Front Door")), Map.of("front-door", stored), false);

        assertEquals(ImportLine.Action.UPDATE, plan.get(0).action());
        assertEquals("front-door", plan.get(0).nickname());
        assertEquals(ImportLine.Action.CREATE, plan.get(1).action(), "a second line of the same name in the file is new");
        assertEquals("front-door-2", plan.get(1).nickname());
    }

    @Test
    void badLinesAreRejectedWithEveryReasonAndDuplicatesInTheFileNameTheFirstLine() {
        List<ImportLine> plan = ImportPlanner.plan(List.of(
                row(1, "ok1", "rtsp://h/a", "A"),
                row(2, "ok1", "rtsp://h/b", "B"),
                row(3, "Bad Nick", "file:///etc/passwd", "C"),
                ImportRow.rejected(4, "line 4: 2 columns, the header has 3")), Map.of(), false);

        assertEquals(ImportLine.Action.CREATE, plan.get(0).action());
        assertEquals(ImportLine.Action.REJECT, plan.get(1).action());
        assertTrue(plan.get(1).reasons().get(0).contains("line 1"));
        assertEquals(2, plan.get(2).reasons().size(), plan.get(2).reasons().toString());
        assertEquals(List.of("line 4: 2 columns, the header has 3"), plan.get(3).reasons());
    }
}
