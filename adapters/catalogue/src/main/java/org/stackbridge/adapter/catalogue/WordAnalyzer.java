package org.stackbridge.adapter.catalogue;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;

/** Words: letters and digits of already folded text, positions kept across field values. */
final class WordAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer t = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
        return new TokenStreamComponents(t);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
        return 100;
    }
}
