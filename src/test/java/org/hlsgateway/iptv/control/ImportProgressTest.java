package org.hlsgateway.iptv.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportProgressTest {

    @Test
    void checkingAndStoringAreOneBar() {
        ImportProgress progress = new ImportProgress();
        assertEquals(0, progress.percent());
        progress.checking(4);
        progress.lineChecked();
        assertEquals(25, progress.percent());
        assertEquals("checked 1 of 4 lines", progress.describe());
        for (int i = 0; i < 3; i++) {
            progress.lineChecked();
        }
        progress.storing(4);
        assertEquals(50, progress.percent(), "4 of 8 steps");
        for (int i = 0; i < 4; i++) {
            progress.channelStored();
        }
        assertEquals(100, progress.percent());
        assertEquals("stored 4 of 4 channels", progress.describe());
    }

    @Test
    void thePlannerCountsEveryLineIncludingRejectedOnes() {
        ImportProgress progress = new ImportProgress();
        List<ImportRow> rows = CsvImport.parse("nickname,url\ncam1,rtsp://10.0.0.1/a\ncam2,file:///etc/passwd\n");

        ImportPlanner.plan(rows, Map.of(), true, progress);

        assertEquals(100, progress.percent());
        assertEquals("checked 2 of 2 lines", progress.describe());
    }
}
