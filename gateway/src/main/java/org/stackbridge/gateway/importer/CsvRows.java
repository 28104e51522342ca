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
    private static final String NOT_UTF8 = "not valid UTF-8 at or after this line; the file was not read from here on"
            + " (save it as UTF-8 and import it again)";
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
            Reader opened;
            try {
                opened = open(file, skipLines);
            } catch (CharacterCodingException e) {
                handler.row(new Row(skipLines + 1, Map.of(), NOT_UTF8));
                return;
            }
            try (Reader reader = opened) {
                LineIndexReader lines = new LineIndexReader(reader, skipLines + 1);
                long lastLine = skipLines;
                try {
                    CSVParser parser = CSVParser.builder().setReader(new BufferedReader(lines)).setFormat(FORMAT).get();
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
                } catch (UncheckedIOException | IOException e) {
                    if (codingProblem(e)) {
                        handler.row(new Row(lastLine + 1, Map.of(), NOT_UTF8));
                        return;
                    }
                    if (columns == null) {
                        handler.row(new Row(lastLine + 1, Map.of(), "the header line cannot be read: " + message(e, false)));
                        return;
                    }
                    // Commons CSV names the line where it noticed the problem: a quote that runs over line ends was not
                    // closed on the line it opened, which is the line to reject (the one after the last good row)
                    long noticed = noticedLine(e, skipLines);
                    long bad = noticed > lastLine + 1 && !rootText(e).contains("(startline") ? lastLine + 1 : Math.max(lastLine + 1, noticed);
                    String problem = message(e, noticed > lastLine + 1);
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

    private static boolean codingProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static String rootText(Throwable e) {
        return CsvImport.rootMessage(e);
    }

    /**
     * The line a parse error names (Commons CSV says "(startline N)" or "at line: N", counted from where this parser
     * started, after {@code skipped} lines); 0 when it names none.
     */
    private static long noticedLine(Exception e, long skipped) {
        String text = rootText(e);
        Matcher m = START_LINE.matcher(text);
        if (m.find()) {
            return skipped + Long.parseLong(m.group(1));
        }
        m = AT_LINE.matcher(text);
        if (m.find()) {
            return skipped + Long.parseLong(m.group(1).replace(",", ""));
        }
        return 0;
    }

    /** What went wrong, for people; {@code spansLines}: the problem was noticed on a later line than the row began. */
    private static String message(Throwable e, boolean spansLines) {
        String m = rootText(e);
        if (m.contains("EOF reached before encapsulated token finished") || (spansLines && m.contains("Invalid character between encapsulated"))) {
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
