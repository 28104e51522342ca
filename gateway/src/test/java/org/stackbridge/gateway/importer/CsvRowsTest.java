package org.stackbridge.gateway.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link CsvRows} reads CSV: header names, line numbers, quotes across lines, and syntax errors read past. */
class CsvRowsTest {

    @TempDir
    Path dir;

    private List<String> read(String content) throws IOException {
        Path f = dir.resolve("f.csv");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        CsvRows.read(f, new CsvRows.Handler() {
            @Override
            public boolean header(List<String> columns, long line) {
                out.add(line + ":header " + columns);
                return true;
            }

            @Override
            public void row(CsvRows.Row row) {
                out.add(row.line() + (row.problem() == null ? " " + row.values() : " ! " + row.problem()));
            }
        });
        return out;
    }

    @Test
    void rowsCarryTheLineTheyStartOnWithBomCrlfBlankLinesAndQuotedLineBreaks() throws IOException {
        assertEquals(List.of("1:header [b, name]", "2 {b=1, name=a, b}", "4 {b=2, name=x\r\ny \"z\"}", "6 {b=3, name=last}"),
                read("\uFEFFB, Name\r\n1,\"a, b\"\r\n\r\n2,\"x\r\ny \"\"z\"\"\"\r\n3,last"));
    }

    @Test
    void aQuoteClosedOnALaterLineRejectsItsLineAndReadingGoesOnAfterIt() throws IOException {
        List<String> rows = read("h1,h2\nQ1,ok\nQ2,\"broken\nQ3,fine\nQ4,\"quoted, fine\"\n");
        assertEquals("3 ! unterminated quoted field (a \" without its closing \"); the line is not imported, reading goes on with line 4",
                rows.get(2), rows.toString());
        assertEquals(List.of("4 {h1=Q3, h2=fine}", "5 {h1=Q4, h2=quoted, fine}"), rows.subList(3, 5), rows.toString());
    }

    @Test
    void anUnterminatedQuoteAtTheEndIsReportedAndNothingIsLostSilently() throws IOException {
        List<String> rows = read("h1,h2\nQ1,ok\nQ2,\"broken\nQ3,fine\n");
        assertTrue(rows.get(2).startsWith("3 ! unterminated quoted field"), rows.toString());
        assertEquals("4 {h1=Q3, h2=fine}", rows.get(3), rows.toString());
        assertEquals(4, rows.size(), rows.toString());
    }

    @Test
    void textAfterAClosingQuoteOnTheSameLineIsReportedThere() throws IOException {
        List<String> rows = read("h1,h2\nQ1,\"ab\"c\nQ2,fine\n");
        assertEquals("2 ! text after a closing quote; the line is not imported, reading goes on with line 3", rows.get(1), rows.toString());
        assertEquals("3 {h1=Q2, h2=fine}", rows.get(2), rows.toString());
    }

    @Test
    void aWrongNumberOfFieldsAndInvalidUtf8AreReported() throws IOException {
        assertEquals("2 ! expected 2 columns (a,b), found 3", read("a,b\n1,2,3\n").get(1));
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'a', '\n', 'x', (byte) 0xE9, '\n'});
        List<String> out = new ArrayList<>();
        CsvRows.read(f, new CsvRows.Handler() {
            @Override
            public boolean header(List<String> columns, long line) {
                return true;
            }

            @Override
            public void row(CsvRows.Row row) {
                out.add(row.problem());
            }
        });
        assertTrue(out.get(0).startsWith("not valid UTF-8"), out.toString());
    }
}
