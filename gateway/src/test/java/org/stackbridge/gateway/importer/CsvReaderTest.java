package org.stackbridge.gateway.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Row> rows(String text) throws IOException {
        List<CsvReader.Row> out = new ArrayList<>();
        try (CsvReader r = new CsvReader(new StringReader(text))) {
            CsvReader.Row row;
            while ((row = r.next()) != null) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndNewlines() throws IOException {
        List<CsvReader.Row> rows = rows("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,y\nlast,1,2");
        assertEquals(3, rows.size());
        assertEquals(List.of("a", "b,c", "say \"hi\""), rows.get(0).fields());
        assertEquals(List.of("multi\nline", "x", "y"), rows.get(1).fields());
        assertEquals(2, rows.get(1).line());
        assertEquals(4, rows.get(2).line());
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersStayTrue() throws IOException {
        List<CsvReader.Row> rows = rows("a,b\n\n\nc,d\r\r\ne,f\n");
        assertEquals(3, rows.size());
        assertEquals(4, rows.get(1).line());
        assertEquals(6, rows.get(2).line());
    }

    @Test
    void unterminatedQuoteIsAProblemNotAnException() throws IOException {
        List<CsvReader.Row> rows = rows("ok,1\n\"broken,2\n");
        assertEquals(2, rows.size());
        assertNull(rows.get(0).problem());
        assertEquals("unterminated quoted field", rows.get(1).problem());
    }

    @Test
    void oversizedFieldIsCappedAndReported() throws IOException {
        String big = "x".repeat(CsvReader.MAX_FIELD + 10);
        List<CsvReader.Row> rows = rows("a," + big + "\nb,c\n");
        assertTrue(rows.get(0).problem().contains("longer"));
        assertEquals(List.of("b", "c"), rows.get(1).fields());
    }
}
