package org.stackbridge.core.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeywordQueryTest {

    @Test
    void anIsbnSearchesTheIsbnIndexWithoutHyphens() {
        assertEquals(new CatalogueQuery.Term(Attributes.use(7), "9780306406157"), KeywordQuery.of(" 978-0-306-40615-7 ").orElseThrow());
        assertEquals(new CatalogueQuery.Term(Attributes.use(7), "080442957X"), KeywordQuery.of("0-8044-2957-x").orElseThrow());
    }

    @Test
    void wordsMustAllOccurAnywhereAndMayBeTheStartOfLongerWords() {
        CatalogueQuery.Term t = (CatalogueQuery.Term) KeywordQuery.of("wizard earth").orElseThrow();
        assertEquals(1016, t.attributes().use());
        assertEquals(Attributes.STR_WORD_LIST, t.attributes().structure());
        assertEquals(Attributes.TRUNC_RIGHT, t.attributes().truncation());
        assertEquals("wizard earth", t.text());
        // twelve digits is no ISBN: searched as a word
        assertEquals(1016, ((CatalogueQuery.Term) KeywordQuery.of("123456789012").orElseThrow()).attributes().use());
    }

    @Test
    void blankTooLongOrControlCharactersAreNoQuery() {
        assertTrue(KeywordQuery.of(null).isEmpty());
        assertTrue(KeywordQuery.of("   ").isEmpty());
        assertTrue(KeywordQuery.of("a".repeat(KeywordQuery.MAX_LENGTH + 1)).isEmpty());
        assertTrue(KeywordQuery.of("tab\there").isEmpty());
    }
}
