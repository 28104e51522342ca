package org.stackbridge.gateway.notice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.stackbridge.core.port.Notices;

/**
 * The printed notices as one PDF (Apache PDFBox): one A4 page per patron (more when the text runs long) with
 * all of that patron's notices of the batch; the name and postal address sit where a DIN 5008 window envelope (DL,
 * window 20 mm from the left, 45 mm from the top) shows them.
 */
final class PrintBatchWriter {

    private static final float MM = 72f / 25.4f;
    private static final float LEFT = 25 * MM;
    private static final float LINE = 13f;
    private static final int WRAP = 90;

    private PrintBatchWriter() {
    }

    static byte[] write(List<Notices.NoticeRecord> notices) {
        Map<Long, List<Notices.NoticeRecord>> byPatron = new LinkedHashMap<>();
        for (Notices.NoticeRecord n : notices) {
            byPatron.computeIfAbsent(n.patronId(), k -> new ArrayList<>()).add(n);
        }
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (List<Notices.NoticeRecord> mine : byPatron.values()) {
                Notices.NoticeRecord first = mine.get(0);
                List<String[]> lines = new ArrayList<>();
                for (Notices.NoticeRecord n : mine) {
                    lines.add(new String[] {"b", n.subject()});
                    for (String l : n.text().split("\n", -1)) {
                        for (String w : wrap(l)) {
                            lines.add(new String[] {"r", w});
                        }
                    }
                    lines.add(new String[] {"r", ""});
                }
                PDRectangle a4 = PDRectangle.A4;
                int at = 0;
                boolean firstPage = true;
                while (at < lines.size() || firstPage) {
                    PDPage page = new PDPage(a4);
                    doc.addPage(page);
                    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                        float y = a4.getHeight() - 50 * MM;
                        if (firstPage) {
                            // the address block in the envelope window
                            List<String> address = new ArrayList<>();
                            address.add(first.patronName());
                            if (first.address() != null) {
                                address.addAll(List.of(first.address().split("\\R")));
                            }
                            for (String a : address) {
                                text(cs, regular, 11, LEFT, y, a);
                                y -= LINE;
                            }
                            y = a4.getHeight() - 105 * MM;
                        } else {
                            y = a4.getHeight() - 25 * MM;
                        }
                        while (at < lines.size() && y > 20 * MM) {
                            String[] l = lines.get(at++);
                            text(cs, l[0].equals("b") ? bold : regular, l[0].equals("b") ? 12 : 10, LEFT, y, l[1]);
                            y -= LINE;
                        }
                    }
                    firstPage = false;
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("print batch", e);
        }
    }

    private static void text(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String s) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(encodable(font, s));
        cs.endText();
    }

    /** The standard fonts cover WinAnsi only: other characters print as '?'. */
    private static String encodable(PDType1Font font, String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            try {
                font.encode(c);
                b.append(c);
            } catch (IOException | IllegalArgumentException e) {
                b.append('?');
            }
        });
        return b.toString();
    }

    private static List<String> wrap(String line) {
        List<String> out = new ArrayList<>();
        String rest = line.replace('\t', ' ');
        while (rest.length() > WRAP) {
            int cut = rest.lastIndexOf(' ', WRAP);
            cut = cut <= 0 ? WRAP : cut;
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }
}
