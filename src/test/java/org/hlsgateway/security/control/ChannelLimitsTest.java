package org.hlsgateway.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.hlsgateway.security.entity.Role;
import org.hlsgateway.security.entity.User;
import org.junit.jupiter.api.Test;

class ChannelLimitsTest {

    @Test
    void noLimitsAllowEverything() {
        assertTrue(ChannelLimits.NONE.allows("adult1", "Adult"));
        assertTrue(ChannelLimits.NONE.allows("nogroup", null));
    }

    @Test
    void groupsAndSingleChannelsAllowOnlyThemselves() {
        ChannelLimits kids = new ChannelLimits(Set.of("Kids"), Set.of("news1"));

        assertTrue(kids.allows("kids1", "Kids"));
        assertTrue(kids.allows("news1", "News"));
        assertFalse(kids.allows("adult1", "Adult"));
        assertFalse(kids.allows("adult1", null));
        assertFalse(kids.allows("kids1", "kids"), "group names match exactly");
        assertFalse(kids.needsGroup("news1"));
        assertTrue(kids.needsGroup("adult1"));
    }

    @Test
    void storedFormReadsBack() {
        String stored = ChannelLimits.store(Set.of("Kids", "Cartoons"));

        assertEquals("Cartoons\nKids", stored);
        assertEquals(Set.of("Kids", "Cartoons"), ChannelLimits.read(stored));
        assertNull(ChannelLimits.store(Set.of()));
        assertEquals(Set.of(), ChannelLimits.read(null));
        assertEquals(Set.of("Kids", "News"), ChannelLimits.parseList(" Kids, ,News ,"));
    }

    @Test
    void adminsHaveNoLimitsViewersTheirStoredOnes() {
        User viewer = new User();
        viewer.setRole(Role.VIEWER);
        viewer.setAllowedGroups("Kids");
        User admin = new User();
        admin.setRole(Role.ADMIN);
        admin.setAllowedGroups("Kids");

        assertFalse(ChannelLimits.of(viewer).allows("adult1", "Adult"));
        assertTrue(ChannelLimits.of(admin).unlimited());
    }

    @Test
    void badNamesAreRefused() {
        assertNull(ChannelLimits.problem(List.of("Kids", "News")));
        assertNotNull(ChannelLimits.problem(List.of("a\nb")));
        assertNotNull(ChannelLimits.problem(List.of("a,b")));
        assertNotNull(ChannelLimits.problem(List.of("x".repeat(101))));
        assertNotNull(ChannelLimits.problem(Collections.nCopies(101, "Kids")));
    }
}
