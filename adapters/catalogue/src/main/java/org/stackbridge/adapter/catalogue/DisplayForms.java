package org.stackbridge.adapter.catalogue;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * The display register of an index: beside each folded term ({@code w.} word, {@code p.} complete field) the term
 * as the record has it (original case and accents, NFC), indexed as {@code folded SEP original} in {@code dw.<index>}
 * and {@code dp.<index>} (the whole field value, punctuation included). A scan shows, for each folded term, the original form
 * most records have.
 */
final class DisplayForms {

    /** Sorts below every character a folded term holds, so all forms of one term are adjacent. */
    static final char SEP = '\u0001';
    static final int MAX_LENGTH = 8000;

    /** One folded word and its original spelling. */
    record Word(String folded, String original) {
    }

    private DisplayForms() {
    }

    static String wordField(String index) {
        return "dw." + index;
    }

    static String phraseField(String index) {
        return "dp." + index;
    }

    /**
     * The words of {@code value} with their original spellings, or an empty list when the original words do not
     * fold one to one onto the indexed words (then the scan shows the folded term).
     */
    static List<Word> words(String value) {
        String nfc = Normalizer.normalize(value, Normalizer.Form.NFC);
        List<Word> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= nfc.length(); i++) {
            boolean w = i < nfc.length() && isWordOrMark(nfc.charAt(i));
            if (w && start < 0) {
                start = i;
            } else if (!w && start >= 0) {
                String original = nfc.substring(start, i);
                List<String> folded = TextFolding.words(original);
                if (folded.size() != 1) {
                    return List.of();
                }
                out.add(new Word(folded.get(0), original));
                start = -1;
            }
        }
        return out;
    }

    /** The complete-field display form: the field value as catalogued (NFC, outer spaces trimmed), as Zebra shows it. */
    static String phrase(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    }

    static String entry(String folded, String original) {
        return folded + SEP + original;
    }

    /** The original form of {@code folded} most documents hold, or {@code folded} when the register has none. */
    static String mostCommon(Terms display, BytesRef folded) throws IOException {
        if (display == null) {
            return folded.utf8ToString();
        }
        BytesRef prefix = new BytesRef(folded.utf8ToString() + SEP);
        TermsEnum te = display.iterator();
        if (te.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
            return folded.utf8ToString();
        }
        String best = null;
        int bestFreq = -1;
        for (BytesRef t = te.term(); t != null && StringHelper.startsWith(t, prefix); t = te.next()) {
            int freq = te.docFreq();
            if (freq > bestFreq) {
                bestFreq = freq;
                best = new BytesRef(t.bytes, t.offset + prefix.length, t.length - prefix.length).utf8ToString();
            }
        }
        return best == null ? folded.utf8ToString() : best;
    }

    private static boolean isWordOrMark(char c) {
        if (TextFolding.isWordChar(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }
}
