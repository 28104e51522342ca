package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: commas, double-quoted fields with "" escapes and embedded newlines, CRLF or LF.
 * Each record reports the line it starts on; field and record sizes are capped.
 */
public final class CsvReader implements AutoCloseable {

    public static final int MAX_FIELD = 64 * 1024;
    public static final int MAX_FIELDS = 256;

    private final Reader in;
    private int line = 1;
    private int peeked = -2;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** One parsed record, or a syntax problem at {@code line}. */
    public record Row(int line, List<String> fields, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** The next record, or null at end of input. Blank lines are skipped. */
    public Row next() throws IOException {
        while (true) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            String problem = null;
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                continue;
            }
            boolean quoted = false;
            boolean afterQuote = false;
            while (true) {
                if (c == -1) {
                    if (quoted) {
                        problem = "unterminated quoted field";
                    }
                    addField(fields, field);
                    break;
                }
                if (quoted) {
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            append(field, '"');
                        } else {
                            quoted = false;
                            afterQuote = true;
                            c = d;
                            continue;
                        }
                    } else {
                        append(field, (char) c);
                    }
                } else if (c == ',') {
                    addField(fields, field);
                    afterQuote = false;
                } else if (c == '\n') {
                    addField(fields, field);
                    break;
                } else if (c == '"' && field.length() == 0 && !afterQuote) {
                    quoted = true;
                } else if (afterQuote) {
                    problem = problem == null ? "text after a closing quote" : problem;
                } else {
                    append(field, (char) c);
                }
                if (field.length() > MAX_FIELD && problem == null) {
                    problem = "field longer than " + MAX_FIELD + " characters";
                }
                if (fields.size() > MAX_FIELDS && problem == null) {
                    problem = "more than " + MAX_FIELDS + " fields";
                }
                c = read();
            }
            return new Row(start, fields, problem);
        }
    }

    private static void addField(List<String> fields, StringBuilder field) {
        if (fields.size() <= MAX_FIELDS) {
            fields.add(field.toString());
        }
        field.setLength(0);
    }

    private static void append(StringBuilder field, char c) {
        if (field.length() <= MAX_FIELD) {
            field.append(c);
        }
    }

    /** Reads one char with CRLF and lone CR turned into LF, counting lines. */
    private int read() throws IOException {
        int c;
        if (peeked != -2) {
            c = peeked;
            peeked = -2;
        } else {
            c = in.read();
        }
        if (c == '\r') {
            int d = in.read();
            if (d != '\n') {
                peeked = d;
            }
            c = '\n';
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
