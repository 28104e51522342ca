package org.stackbridge.staff.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The ID card PDF: sizes, ten a sheet, long and unprintable names, and a barcode that reads back. */
class PatronCardsTest {

    @Test
    void theBarcodeOfACardWithALongUnusualNameReadsBack() throws Exception {
        String name = "Zoë Ngọc Ánh 李 " + "Very-Long-Family-Name ".repeat(6);
        byte[] pdf = PatronCards.card(new PatronCards.Card("Bibliothèque centrale", name, "29000012345678", null));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Bibliothèque centrale") && text.contains("Zoë") && text.contains("No expiry date"), text);
            assertTrue(text.contains("…"), "a name too long is cut: " + text);
            var read = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(
                    new PDFRenderer(doc).renderImageWithDPI(0, 300)))), Map.of(DecodeHintType.POSSIBLE_FORMATS, EnumSet.of(BarcodeFormat.CODE_128)));
            assertEquals("29000012345678", read.getText());
        }
    }

    @Test
    void sheetsHoldTenCardsAPage() throws Exception {
        List<PatronCards.Card> cards = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            cards.add(new PatronCards.Card("Main", "Reader " + i, "B" + i, LocalDate.of(2030, 1, 1)));
        }
        try (PDDocument doc = Loader.loadPDF(PatronCards.sheets(cards, PatronCards.Paper.LETTER))) {
            assertEquals(3, doc.getNumberOfPages());
            PDFTextStripper page3 = new PDFTextStripper();
            page3.setStartPage(3);
            assertEquals("Reader 21", page3.getText(doc).lines().filter(l -> l.startsWith("Reader")).findFirst().orElse(""));
        }
        assertThrows(IllegalArgumentException.class, () -> PatronCards.sheets(List.of(), PatronCards.Paper.A4));
    }

    @Test
    void charactersTheStandardFontCannotShowBecomeQuestionMarks() {
        assertEquals("Zoë ?", PatronCards.printable(new PDType1Font(Standard14Fonts.FontName.HELVETICA), "Zoë 李"));
        assertEquals(PatronCards.Paper.LETTER, PatronCards.Paper.parse(" Letter "));
        assertEquals(null, PatronCards.Paper.parse("legal"));
    }
}
