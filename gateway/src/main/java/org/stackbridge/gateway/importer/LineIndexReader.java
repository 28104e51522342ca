package org.stackbridge.gateway.importer;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Passes characters through and remembers where each line starts (after LF, CR or CRLF, as the CSV parser counts
 * them), so a character position reported by the parser can be turned into the line number people see in an editor.
 */
final class LineIndexReader extends FilterReader {

    private final long firstLine;
    private long position;
    /** Where line k+1 starts (after the line end of line k). */
    private long[] starts = new long[1024];
    /** Where the text of line k ends (its line end's first character). */
    private long[] ends = new long[1024];
    private int count;
    private boolean afterCr;

    /** @param firstLine the line number of the first character read through this reader */
    LineIndexReader(Reader in, long firstLine) {
        super(in);
        this.firstLine = firstLine;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = 0; i < n; i++) {
            see(buf[off + i]);
        }
        return n;
    }

    private void see(char c) {
        if (c == '\n' && afterCr) {
            starts[count - 1] = position + 1;
        } else if (c == '\n' || c == '\r') {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            ends[count] = position;
            starts[count++] = position + 1;
        }
        afterCr = c == '\r';
        position++;
    }

    /**
     * The line of the first text at or after {@code characterPosition} (counted from 0 at this reader's start): empty
     * lines there are skipped, as the CSV parser skips them before a record.
     */
    long lineOf(long characterPosition) {
        int i = Arrays.binarySearch(starts, 0, count, characterPosition);
        int k = i >= 0 ? i + 1 : -i - 1;
        while (k < count && ends[k] == (k == 0 ? 0 : starts[k - 1])) {
            k++;
        }
        return firstLine + k;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
