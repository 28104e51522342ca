package org.stackbridge.adapter.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardNumbersTest {

    @Test
    void isbn10FindsItsIsbn13AndBack() {
        assertEquals(List.of("000470147X", "9780004701479"), List.copyOf(StandardNumbers.isbnForms("0-00-470147-x (pbk.)")));
        assertEquals(List.of("9780004701479", "000470147X"), List.copyOf(StandardNumbers.isbnForms("978-0-00-470147-9")));
    }

    @Test
    void checkDigitsAreValidated() {
        assertTrue(StandardNumbers.validIsbn10("0060933259"));
        assertFalse(StandardNumbers.validIsbn10("0060933258"));
        assertTrue(StandardNumbers.validIsbn13("9780060933258"));
        assertEquals(List.of("0060933258"), List.copyOf(StandardNumbers.isbnForms("0060933258")), "invalid: no 13-digit form");
    }

    @Test
    void foldingRemovesDiacriticsAndCase() {
        assertEquals(List.of("emile", "zola", "strasse", "cafe"), TextFolding.words("Émile ZOLA: Straße, café"));
        assertEquals("pride and prejudice", TextFolding.phrase("Pride and prejudice /"));
    }
}
