package org.stackbridge.staff.card;

import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Patron ID cards as PDF: one card on a page of credit-card size (ISO/IEC 7810 ID-1, 85.6 × 54 mm), or a batch on A4
 * or Letter sheets, ten cards a page (two columns, five rows, with light cut lines). Each card shows the library's
 * name, the patron's name, the expiry date and the barcode drawn as Code 128 (ZXing's {@link Code128Writer}, put in the
 * PDF by PDFBox as a lossless image with its quiet zone) with the barcode's text under it. The staff API
 * ({@code GET /patrons/{barcode}/card.pdf}) and the staff console both print with this class.
 */
public final class PatronCards {

    /** Points per millimetre (PDF user space is 1/72 inch). */
    static final float MM = 72f / 25.4f;
    public static final float CARD_WIDTH = 85.6f * MM;
    public static final float CARD_HEIGHT = 54f * MM;
    public static final int CARDS_PER_SHEET = 10;
    /** At most this many cards in one batch. */
    public static final int MAX_BATCH = 500;
    /** Pixels per Code 128 module in the barcode image; the PDF scales it to fit the card. */
    private static final int MODULE_PX = 4;
    private static final float PAD = 4f * MM;

    private static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDFont REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    /** What one card shows. {@code expires} null prints "no expiry". */
    public record Card(String libraryName, String patronName, String barcode, LocalDate expires) {
        public Card {
            Objects.requireNonNull(barcode, "barcode");
            libraryName = libraryName == null ? "" : libraryName;
            patronName = patronName == null ? "" : patronName;
        }
    }

    /** Sheet sizes for a batch. */
    public enum Paper {
        A4(PDRectangle.A4), LETTER(PDRectangle.LETTER);

        private final PDRectangle size;

        Paper(PDRectangle size) {
            this.size = size;
        }

        /** {@code a4} or {@code letter}, any case; null when neither. */
        public static Paper parse(String s) {
            if (s == null) {
                return null;
            }
            for (Paper p : values()) {
                if (p.name().equalsIgnoreCase(s.strip())) {
                    return p;
                }
            }
            return null;
        }
    }

    private PatronCards() {
    }

    /** One card on a page of its own size. */
    public static byte[] card(Card card) {
        try (PDDocument doc = document("Library card " + card.barcode())) {
            PDPage page = new PDPage(new PDRectangle(CARD_WIDTH, CARD_HEIGHT));
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                draw(doc, cs, card, 0, 0, false);
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cards on sheets of {@code paper}, {@value #CARDS_PER_SHEET} a page, in order (left to right, top to bottom). */
    public static byte[] sheets(List<Card> cards, Paper paper) {
        if (cards.isEmpty() || cards.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " cards");
        }
        PDRectangle size = paper.size;
        float left = (size.getWidth() - 2 * CARD_WIDTH) / 2;
        float top = size.getHeight() - (size.getHeight() - 5 * CARD_HEIGHT) / 2;
        try (PDDocument doc = document(cards.size() + " library cards")) {
            for (int start = 0; start < cards.size(); start += CARDS_PER_SHEET) {
                PDPage page = new PDPage(size);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    for (int i = start; i < Math.min(cards.size(), start + CARDS_PER_SHEET); i++) {
                        int slot = i - start;
                        float x = left + (slot % 2) * CARD_WIDTH;
                        float y = top - (slot / 2 + 1) * CARD_HEIGHT;
                        draw(doc, cs, cards.get(i), x, y, true);
                    }
                }
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- drawing

    private static void draw(PDDocument doc, PDPageContentStream cs, Card card, float x, float y, boolean cutLines) throws IOException {
        if (cutLines) {
            cs.setStrokingColor(0.75f);
            cs.setLineWidth(0.3f);
            cs.addRect(x, y, CARD_WIDTH, CARD_HEIGHT);
            cs.stroke();
        }
        float width = CARD_WIDTH - 2 * PAD;
        // a dark band with the library's name
        cs.setNonStrokingColor(0.12f, 0.23f, 0.42f);
        cs.addRect(x, y + CARD_HEIGHT - 11 * MM, CARD_WIDTH, 11 * MM);
        cs.fill();
        cs.setNonStrokingColor(1f);
        text(cs, BOLD, 11, card.libraryName(), x + PAD, y + CARD_HEIGHT - 7 * MM, width);
        cs.setNonStrokingColor(0f);
        text(cs, BOLD, 12, card.patronName(), x + PAD, y + CARD_HEIGHT - 17.5f * MM, width);
        text(cs, REGULAR, 8, card.expires() == null ? "No expiry date" : "Expires " + card.expires(), x + PAD,
                y + CARD_HEIGHT - 22.5f * MM, width);

        BufferedImage bars = code128(card.barcode());
        PDImageXObject image = LosslessFactory.createFromImage(doc, bars);
        float barHeight = 15 * MM;
        // module width in points: the whole symbol (with its quiet zones) fits the card's width
        float drawWidth = Math.min(width + 2 * PAD - 2 * MM, bars.getWidth() / (float) MODULE_PX * 0.5f * MM);
        float barX = x + (CARD_WIDTH - drawWidth) / 2;
        float barY = y + 7 * MM;
        cs.drawImage(image, barX, barY, drawWidth, barHeight);
        float textWidth = REGULAR.getStringWidth(printable(REGULAR, card.barcode())) / 1000 * 9;
        text(cs, REGULAR, 9, card.barcode(), x + (CARD_WIDTH - textWidth) / 2, y + 3 * MM, width);
    }

    /** The barcode as a Code 128 image: {@value #MODULE_PX} px a module, with ZXing's default quiet zone. */
    static BufferedImage code128(String barcode) {
        try {
            BitMatrix minimal = new Code128Writer().encode(barcode, com.google.zxing.BarcodeFormat.CODE_128, 0, 1);
            BitMatrix matrix = new Code128Writer().encode(barcode, com.google.zxing.BarcodeFormat.CODE_128, minimal.getWidth() * MODULE_PX, 40,
                    Map.of(EncodeHintType.MARGIN, 10));
            return MatrixToImageWriter.toBufferedImage(matrix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("barcode " + barcode + " cannot be drawn as Code 128: " + e.getMessage(), e);
        }
    }

    /** One line of text, made smaller (down to 6 pt) and then cut with an ellipsis until it fits {@code width}. */
    private static void text(PDPageContentStream cs, PDFont font, float size, String value, float x, float y, float width) throws IOException {
        String s = printable(font, value);
        float fontSize = size;
        while (fontSize > 6 && font.getStringWidth(s) / 1000 * fontSize > width) {
            fontSize -= 0.5f;
        }
        while (s.length() > 1 && font.getStringWidth(s + "…") / 1000 * fontSize > width) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.equals(printable(font, value))) {
            s = s.strip() + "…";
        }
        cs.beginText();
        cs.setFont(font, fontSize);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    /** The text with every character the standard font cannot show (and every control character) replaced by {@code ?}. */
    static String printable(PDFont font, String value) {
        StringBuilder b = new StringBuilder();
        value.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            boolean ok = !Character.isISOControl(cp);
            if (ok) {
                try {
                    font.encode(ch);
                } catch (IOException | IllegalArgumentException e) {
                    ok = false;
                }
            }
            b.append(ok ? ch : "?");
        });
        return b.toString();
    }

    private static PDDocument document(String title) {
        PDDocument doc = new PDDocument();
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("Stackbridge");
        return doc;
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    /** {@code cards-2026-12-07.pdf} style names for downloads. */
    public static String fileName(String what) {
        return what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-") + ".pdf";
    }
}
