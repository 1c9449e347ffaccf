package org.hlsgateway.iptv.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvImportTest {

    @Test
    void readsAllColumns() {
        List<ImportRow> rows = CsvImport.parse("""
                nickname,url,name,group,logo,tvg_id,tvg_name
                news,http://tv.example/news.m3u8,News 24,News,http://tv.example/news.png,news.de,News24
                """);

        assertEquals(List.of(new ImportRow(2, "news", "http://tv.example/news.m3u8", "News 24", "News",
                "http://tv.example/news.png", "news.de", "News24", null)), rows);
    }

    @Test
    void readsColumnsInAnyOrderAndCase() {
        List<ImportRow> rows = CsvImport.parse(" Name , URL ,TVG_ID\nArte,rtsp://cam/1,arte.fr\n");

        ImportRow row = rows.get(0);
        assertEquals("Arte", row.name());
        assertEquals("rtsp://cam/1", row.url());
        assertEquals("arte.fr", row.tvgId());
    }

    @Test
    void leavesMissingOptionalColumnsNull() {
        ImportRow row = CsvImport.parse("url\nhttp://tv.example/a.m3u8\n").get(0);

        assertEquals(new ImportRow(2, null, "http://tv.example/a.m3u8", null, null, null, null, null, null), row);
        assertFalse(row.isRejected());
    }

    @Test
    void ignoresUnknownColumns() {
        ImportRow row = CsvImport.parse("id,url,comment,name\n7,http://a/x,whatever,A\n").get(0);

        assertEquals("http://a/x", row.url());
        assertEquals("A", row.name());
    }

    @Test
    void trimsValuesAndTurnsEmptyOnesIntoNull() {
        ImportRow row = CsvImport.parse("url,name,group,logo\n  http://a/x  ,  A B ,,\"  \"\n").get(0);

        assertEquals("http://a/x", row.url());
        assertEquals("A B", row.name());
        assertNull(row.group());
        assertNull(row.logo());
    }

    @Test
    void acceptsBomAndCrlf() {
        List<ImportRow> rows = CsvImport.parse("\uFEFFurl,name\r\nhttp://a/1,One\r\nhttp://a/2,Two\r\n");

        assertEquals(2, rows.size());
        assertEquals(new ImportRow(2, null, "http://a/1", "One", null, null, null, null, null), rows.get(0));
        assertEquals(3, rows.get(1).line());
    }

    @Test
    void acceptsOldMacLineEndings() {
        List<ImportRow> rows = CsvImport.parse("url,name\rhttp://a/1,One\rhttp://a/2,Two");

        assertEquals(List.of(2, 3), rows.stream().map(ImportRow::line).toList());
        assertEquals("Two", rows.get(1).name());
    }

    @Test
    void readsTheLastRowWithoutLineBreak() {
        assertEquals("http://a/1", CsvImport.parse("url\nhttp://a/1").get(0).url());
    }

    @Test
    void skipsBlankLinesButCountsThem() {
        List<ImportRow> rows = CsvImport.parse("\n\nurl,name\n\n   \nhttp://a/1,One\n,\n");

        assertEquals(1, rows.size());
        assertEquals(6, rows.get(0).line());
    }

    @Test
    void readsCommasAndQuotesInQuotedFields() {
        ImportRow row = CsvImport.parse("url,name,group\nhttp://a/1,\"News, Weather \"\"Live\"\"\", \"A, B\"\n")
                .get(0);

        assertEquals("News, Weather \"Live\"", row.name());
        assertEquals("A, B", row.group());
    }

    @Test
    void aQuotedFieldSpanningLinesCountsAsTheLineItStartsOn() {
        List<ImportRow> rows = CsvImport.parse("url,name\r\nhttp://a/1,\"Two\r\nlines\"\r\nhttp://a/2,Next\r\n");

        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).line());
        assertEquals("Two\nlines", rows.get(0).name());
        assertEquals(4, rows.get(1).line());
    }

    @Test
    void readsNonAsciiNames() {
        List<ImportRow> rows = CsvImport.parse("url,name,group\nhttp://a/1,中央电视台,新闻\nhttp://a/2,Télé Café,Français\n");

        assertEquals("中央电视台", rows.get(0).name());
        assertEquals("新闻", rows.get(0).group());
        assertEquals("Télé Café", rows.get(1).name());
    }

    @Test
    void doesNotValidateUrlsOrNicknames() {
        ImportRow row = CsvImport.parse("nickname,url\nNot A Nickname!,file:///etc/passwd\n").get(0);

        assertFalse(row.isRejected());
        assertEquals("Not A Nickname!", row.nickname());
        assertEquals("file:///etc/passwd", row.url());
    }

    @Test
    void rejectsAHeaderWithoutUrlColumn() {
        List<ImportRow> rows = CsvImport.parse("name, link\nA,http://a/1\n");

        assertEquals(1, rows.size());
        ImportRow row = rows.get(0);
        assertTrue(row.isRejected());
        assertEquals(1, row.line());
        assertEquals("line 1: the header must have a url column; found: name, link", row.error());
        assertNull(row.url());
    }

    @Test
    void rejectsAFileWithoutHeader() {
        ImportRow row = CsvImport.parse("http://a/1,A\n").get(0);

        assertTrue(row.error().contains("url column"), row.error());
        assertTrue(row.error().contains("http://a/1"), row.error());
    }

    @Test
    void rejectsAHeaderNamingAColumnTwice() {
        List<ImportRow> rows = CsvImport.parse("url,name,URL\nhttp://a/1,A,http://a/2\n");

        assertEquals(1, rows.size());
        assertTrue(rows.get(0).error().contains("url twice"), rows.get(0).error());
    }

    @Test
    void rejectsRowsWithAnotherNumberOfFieldsAndGoesOn() {
        List<ImportRow> rows = CsvImport.parse("""
                url,name,group,logo,tvg_id
                http://a/1,A,G,L,T
                http://a/2,News, Weather,G
                http://a/3,C,G,L,T,extra
                http://a/4,D,G,L,T
                """);

        assertEquals(4, rows.size());
        assertFalse(rows.get(0).isRejected());
        assertEquals(ImportRow.rejected(3, "line 3: 4 columns, the header has 5 (quote values that contain commas)"),
                rows.get(1));
        assertTrue(rows.get(2).error().startsWith("line 4: 6 columns, the header has 5"), rows.get(2).error());
        assertEquals("http://a/4", rows.get(3).url());
        assertEquals(5, rows.get(3).line());
    }

    @Test
    void stopsAtAQuoteThatIsNeverClosed() {
        List<ImportRow> rows = CsvImport.parse("url,name\nhttp://a/1,A\nhttp://a/2,\"B\nhttp://a/3,C\n");

        assertEquals(2, rows.size());
        assertEquals("A", rows.get(0).name());
        ImportRow rejected = rows.get(1);
        assertTrue(rejected.isRejected());
        assertEquals(3, rejected.line());
        assertTrue(rejected.error().startsWith("line 3: a quoted value is never closed"), rejected.error());
    }

    @Test
    void rejectedRowsCarryOnlyTheLineAndError() {
        ImportRow row = ImportRow.rejected(4, "line 4: broken");

        assertEquals(new ImportRow(4, null, null, null, null, null, null, null, "line 4: broken"), row);
        assertTrue(row.isRejected());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"\uFEFF", "\n\r\n  \n"})
    void readsNothingFromAnEmptyText(String text) {
        assertEquals(List.of(), CsvImport.parse(text));
    }
}
