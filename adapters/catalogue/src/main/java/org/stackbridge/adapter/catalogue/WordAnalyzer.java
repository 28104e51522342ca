package org.stackbridge.adapter.catalogue;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Words: letters and digits of already folded text, positions kept across field values with one position between
 * values, as Zebra counts word positions through a record (word proximity across two title fields matches Zebra's).
 */
final class WordAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer t = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
        return new TokenStreamComponents(t);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
        return 1;
    }
}
