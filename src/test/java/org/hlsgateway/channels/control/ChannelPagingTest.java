package org.hlsgateway.channels.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.junit.jupiter.api.Test;

class ChannelPagingTest {

    @Test
    void defaultsWithoutParameters() {
        ChannelPaging paging = ChannelPaging.parse(null, null, null, null);
        assertEquals(ChannelPaging.DEFAULT_LIMIT, paging.limit());
        assertEquals(0, paging.offset());
        assertNull(paging.after());
        assertNull(paging.state());
    }

    @Test
    void badParametersNameTheField() {
        for (String[] bad : new String[][]{{"0", null, null, null}, {"1001", null, null, null}, {"x", null, null, null},
                {null, "-1", null, null}, {null, "1e3", null, null}, {null, null, "not-a-cursor!", null},
                {null, "0", new ChannelCursor(0, "a").encode(), null}, {null, null, null, "RUNNING"}}) {
            InvalidChannelException e = assertThrows(InvalidChannelException.class,
                    () -> ChannelPaging.parse(bad[0], bad[1], bad[2], bad[3]), String.join(",", String.valueOf(bad[0]),
                            String.valueOf(bad[1]), String.valueOf(bad[2]), String.valueOf(bad[3])));
            assertFalse(e.errors().isEmpty());
        }
        assertEquals(TranscoderState.LIVE, ChannelPaging.parse("10", "20", null, "live").state());
    }

    @Test
    void cursorRoundTrips() {
        ChannelCursor cursor = new ChannelCursor(-3, "cam-1_x");
        assertEquals(cursor, ChannelCursor.decode(cursor.encode()).orElseThrow());
        assertTrue(ChannelCursor.decode("bm9jb2xvbg").isEmpty(), "no colon");
        assertTrue(ChannelCursor.decode(java.util.Base64.getUrlEncoder().encodeToString("1:Bad Nick".getBytes())).isEmpty());
    }

    @Test
    void queryBuildsConditionsWithParameters() {
        Map<String, Object> parameters = ChannelQuery.parameters();
        String where = ChannelQuery.ALL.search("50%_!").inGroup("News").publicOnly(true).except(Set.of("a"))
                .within(Set.of("News"), Set.of("b")).where(parameters, new ChannelCursor(2, "z"));
        assertTrue(where.startsWith(" WHERE "), where);
        assertEquals("%50%_!%", parameters.get("q"));
        assertTrue(where.contains("LOWER(c.nickname) LIKE :q"), where);
        assertEquals("News", parameters.get("group"));
        assertTrue(where.contains("c.publicAccess = :publicAccess"), where);
        assertEquals(Boolean.TRUE, parameters.get("publicAccess"));
        assertTrue(where.contains("c.nickname NOT IN :nicknamesNotIn"), where);
        assertTrue(where.contains("(c.groupTitle IN :allowedGroups OR c.nickname IN :allowedNicknames)"), where);
        assertTrue(where.contains("c.sortOrder > :afterOrder"), where);
        assertEquals(2, parameters.get("afterOrder"));
        assertEquals("", ChannelQuery.ALL.where(ChannelQuery.parameters()));
        assertTrue(ChannelQuery.ALL.only(Set.of()).matchesNothing());
        assertFalse(ChannelQuery.ALL.matchesNothing());
    }
}
