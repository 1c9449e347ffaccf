package org.hlsgateway.iptv.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads channels from CSV (RFC 4180 quoting) with a header row. Columns, in any order and any case:
 * nickname, url, name, group, logo, tvg_id, tvg_name; only url is required and unknown columns are
 * ignored. Blank lines, and rows whose fields are all empty (as spreadsheets append), are skipped.
 * A field may contain commas, quotes ({@code ""}) and line breaks when it is quoted; such a row
 * counts as the line it starts on.
 */
public final class CsvImport {

    private static final List<String> COLUMNS =
            List.of("nickname", "url", "name", "group", "logo", "tvg_id", "tvg_name");

    private CsvImport() {
    }

    /** Parses CSV with a header row; see the class description. Never null; empty for an empty text. */
    public static List<ImportRow> parse(String text) {
        Records records = Records.read(ImportText.withoutBom(text));
        List<ImportRow> rows = new ArrayList<>();
        Map<String, Integer> columns = null;
        int headerSize = 0;
        for (Record record : records.complete) {
            if (record.isBlank()) {
                continue;
            }
            if (columns == null) {
                String problem = headerProblem(record);
                if (problem != null) {
                    rows.add(ImportRow.rejected(record.line, problem));
                    return rows;
                }
                columns = columns(record.fields);
                headerSize = record.fields.size();
            } else if (record.fields.size() != headerSize) {
                rows.add(ImportRow.rejected(record.line, "line " + record.line + ": " + record.fields.size()
                        + (record.fields.size() == 1 ? " column" : " columns") + ", the header has " + headerSize
                        + " (quote values that contain commas)"));
            } else {
                rows.add(row(record, columns));
            }
        }
        if (records.unclosedQuoteLine > 0) {
            rows.add(ImportRow.rejected(records.unclosedQuoteLine, "line " + records.unclosedQuoteLine
                    + ": a quoted value is never closed; add the missing \" (reading stopped here)"));
        }
        return rows;
    }

    private static String headerProblem(Record header) {
        List<String> names = new ArrayList<>();
        for (String field : header.fields) {
            names.add(field.strip());
        }
        if (!names.stream().map(CsvImport::columnName).toList().contains("url")) {
            return "line " + header.line + ": the header must have a url column; found: " + String.join(", ", names);
        }
        List<String> seen = new ArrayList<>();
        for (String name : names) {
            String column = columnName(name);
            if (COLUMNS.contains(column) && seen.contains(column)) {
                return "line " + header.line + ": the header has the column " + column + " twice";
            }
            seen.add(column);
        }
        return null;
    }

    /** Known column name to field index. */
    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = columnName(header.get(i));
            if (COLUMNS.contains(column)) {
                columns.put(column, i);
            }
        }
        return columns;
    }

    /** "  TVG-ID " reads as tvg_id. */
    private static String columnName(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static ImportRow row(Record record, Map<String, Integer> columns) {
        return new ImportRow(record.line, field(record, columns, "nickname"), field(record, columns, "url"),
                field(record, columns, "name"), field(record, columns, "group"), field(record, columns, "logo"),
                field(record, columns, "tvg_id"), field(record, columns, "tvg_name"), null);
    }

    private static String field(Record record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        return index == null ? null : ImportText.value(record.fields.get(index));
    }

    /** The fields of one CSV row and the physical line it starts on. */
    private record Record(int line, List<String> fields) {

        boolean isBlank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    /** Splits CSV text into records; stops at a quote that is never closed. */
    private static final class Records {

        final List<Record> complete = new ArrayList<>();
        int unclosedQuoteLine;

        static Records read(String text) {
            Records records = new Records();
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean inQuotes = false;
            int line = 1;
            int recordLine = 1;
            int length = text.length();
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                boolean crlf = c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n';
                if (inQuotes) {
                    if (c == '"' && i + 1 < length && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        inQuotes = false;
                    } else if (c == '\r' || c == '\n') {
                        field.append('\n');
                        line++;
                        i += crlf ? 1 : 0;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.toString().isBlank()) {
                    // a quote opens a quoted value, also after spaces as in: a, "b, c"
                    field.setLength(0);
                    inQuotes = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' || c == '\n') {
                    fields.add(field.toString());
                    records.complete.add(new Record(recordLine, fields));
                    fields = new ArrayList<>();
                    field.setLength(0);
                    line++;
                    recordLine = line;
                    i += crlf ? 1 : 0;
                } else {
                    field.append(c);
                }
            }
            if (inQuotes) {
                records.unclosedQuoteLine = recordLine;
            } else if (!fields.isEmpty() || !field.isEmpty()) {
                fields.add(field.toString());
                records.complete.add(new Record(recordLine, fields));
            }
            return records;
        }
    }
}
