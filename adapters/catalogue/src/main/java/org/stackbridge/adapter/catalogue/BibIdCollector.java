package org.stackbridge.adapter.catalogue;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Collects the bib ids of all hits without scoring. */
final class BibIdCollector extends SimpleCollector {
    private long[] ids = new long[64];
    private int n;
    private NumericDocValues values;

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        values = context.reader().getNumericDocValues(CatalogueDocument.BIB_ID);
    }

    @Override
    public void collect(int doc) throws IOException {
        if (values != null && values.advanceExact(doc)) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = values.longValue();
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    long[] ids() {
        return Arrays.copyOf(ids, n);
    }
}
