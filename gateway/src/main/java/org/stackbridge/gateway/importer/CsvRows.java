package org.stackbridge.gateway.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a CSV file (RFC 4180, by Apache Commons CSV) as rows keyed by header name: the first line names the columns,
 * in any order and any case; a UTF-8 byte-order mark, CRLF or LF line ends, quoted fields with commas, doubled quotes
 * and line breaks are accepted. Each row carries the line it starts on. A syntax error (an unterminated quote, text
 * after a closing quote) rejects the line it is on and reading goes on with the next line, so it never swallows the
 * rest of the file silently. Input that is not UTF-8 stops the reading with a rejection saying so.
 */
final class CsvRows {

    public static final int MAX_FIELD = 64 * 1024;
    public static final int MAX_FIELDS = 256;

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
    private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");
    private static final Pattern AT_LINE = Pattern.compile("at line: ([\\d,]+)");

    /** One data row: values by lower-case column name, or the problem that rejects it. */
    record Row(long line, Map<String, String> values, String problem) {
        String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v;
        }
    }

    /** What the caller does with the header and the rows, in file order. */
    interface Handler {
        /** The header's column names (trimmed, lower case); return false to stop reading (a bad header). */
        boolean header(List<String> columns, long line);

        void row(Row row);
    }

    private CsvRows() {
    }

    /** Reads {@code file}; problems are given to the handler as rejected rows (line 0: the file as a whole). */
    static void read(Path file, Handler handler) throws IOException {
        List<String> columns = null;
        long skipLines = 0;
        while (true) {
            try (Reader reader = open(file, skipLines)) {
                LineIndexReader lines = new LineIndexReader(reader, skipLines + 1);
                CSVParser parser = CSVParser.builder().setReader(new BufferedReader(lines)).setFormat(FORMAT).get();
                long lastLine = skipLines;
                try {
                    for (CSVRecord record : parser) {
                        long line = lines.lineOf(record.getCharacterPosition());
                        lastLine = line;
                        if (columns == null) {
                            columns = record.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
                            if (!handler.header(columns, line)) {
                                return;
                            }
                            continue;
                        }
                        handler.row(row(record, line, columns));
                    }
                    return;
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof CharacterCodingException) {
                        handler.row(new Row(lastLine + 1, Map.of(), "not valid UTF-8 at or after this line; stopped reading the file here"));
                        return;
                    }
                    long bad = badLine(e, lastLine, skipLines);
                    String problem = message(e);
                    if (columns == null) {
                        handler.row(new Row(bad, Map.of(), "the header line cannot be read: " + problem));
                        return;
                    }
                    handler.row(new Row(bad, Map.of(), problem + "; the line is not imported, reading goes on with line " + (bad + 1)));
                    skipLines = bad;
                }
            }
        }
    }

    private static Row row(CSVRecord record, long line, List<String> columns) {
        if (record.size() != columns.size()) {
            return new Row(line, Map.of(), "expected " + columns.size() + " columns (" + String.join(",", columns) + "), found " + record.size());
        }
        if (record.size() > MAX_FIELDS) {
            return new Row(line, Map.of(), "more than " + MAX_FIELDS + " fields");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String v = record.get(i);
            if (v.length() > MAX_FIELD) {
                return new Row(line, Map.of(), columns.get(i) + " longer than " + MAX_FIELD + " characters");
            }
            values.putIfAbsent(columns.get(i), v);
        }
        return new Row(line, Collections.unmodifiableMap(values), null);
    }

    /** The file as UTF-8 that fails on bad bytes, without a byte-order mark, from after its first {@code skipLines} lines. */
    private static Reader open(Path file, long skipLines) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder));
        try {
            in.mark(1);
            int first = in.read();
            if (first != '\uFEFF' && first >= 0) {
                in.reset();
            }
            long skipped = 0;
            boolean afterCr = false;
            while (skipped < skipLines) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                if (c == '\n' && afterCr) {
                    afterCr = false;
                    continue;
                }
                if (c == '\r' || c == '\n') {
                    skipped++;
                }
                afterCr = c == '\r';
            }
            if (afterCr) {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The line a parse error names (Commons CSV says "(startline N)" or "at line: N", counted from where this parser
     * started, after {@code skipped} lines), else the line after the last row.
     */
    private static long badLine(Exception e, long lastLine, long skipped) {
        String text = message(e);
        Matcher m = START_LINE.matcher(text);
        if (m.find()) {
            return Math.max(lastLine + 1, skipped + Long.parseLong(m.group(1)));
        }
        m = AT_LINE.matcher(text);
        if (m.find()) {
            return Math.max(lastLine + 1, skipped + Long.parseLong(m.group(1).replace(",", "")));
        }
        return lastLine + 1;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (m.contains("EOF reached before encapsulated token finished")) {
            return "unterminated quoted field (a \" without its closing \")";
        }
        if (m.contains("Invalid character between encapsulated token and delimiter")) {
            return "text after a closing quote";
        }
        return m;
    }

    static List<String> missing(List<String> columns, List<String> required) {
        List<String> out = new ArrayList<>();
        for (String r : required) {
            if (!columns.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
