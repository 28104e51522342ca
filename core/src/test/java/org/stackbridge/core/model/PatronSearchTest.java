package org.stackbridge.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PatronSearchTest {

    @Test
    void foldRemovesCaseAccentsAndSpellsOutLettersThatDoNotDecompose() {
        assertEquals("muller", PatronSearch.fold("M\u00fcller"));
        assertEquals("jose", PatronSearch.fold("  Jos\u00e9 "));
        assertEquals("jose", PatronSearch.fold("Jose\u0301"), "already decomposed");
        assertEquals("strasse", PatronSearch.fold("Stra\u00dfe"));
        assertEquals("aero", PatronSearch.fold("\u00c6r\u00f8"));
        assertEquals("soren", PatronSearch.fold("S\u00d8REN"));
        assertEquals("lodz", PatronSearch.fold("\u0141\u00f3d\u017a"));
        assertEquals("coeur", PatronSearch.fold("C\u0153ur"));
        assertNull(PatronSearch.fold(null));
    }

    @Test
    void aSearchWithoutAccentsMatchesTheAccentedName() {
        Patron p = new Patron(0, "P1", null, "J\u00fcrgen M\u00fcller", "ADULT", null, null, null, null, "MAIN", false);
        assertTrue(new PatronSearch(null, "jurgen m", null, null, null).matches(p));
        assertTrue(new PatronSearch("J\u00dcRGEN", null, null, null, null).matches(p));
    }
}
