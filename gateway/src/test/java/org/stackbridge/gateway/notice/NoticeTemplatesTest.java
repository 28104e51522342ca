package org.stackbridge.gateway.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.notice.NoticeType;

class NoticeTemplatesTest {

    @TempDir
    Path dir;

    @Test
    void aTemplateWithAnUnknownPlaceholderIsRefusedWithItsFileAndLine() throws Exception {
        Path file = Files.createDirectories(dir.resolve("en")).resolve("overdue-1.txt");
        Files.writeString(file, "Subject: Overdue\n\nDear {{patron.name}},\nyour fine is {{patron.fine}}.\n");
        NoticeTemplates.TemplateException e = assertThrows(NoticeTemplates.TemplateException.class, () -> NoticeTemplates.load(dir));
        assertTrue(e.getMessage().startsWith(file + ":4: "), e.getMessage());
        assertTrue(e.getMessage().contains("patron.fine"), e.getMessage());
    }

    @Test
    void anUnknownSectionAndAFileThatIsNoNoticeTypeAreRefusedToo() throws Exception {
        Path en = Files.createDirectories(dir.resolve("MAIN").resolve("en"));
        Files.writeString(en.resolve("hold-ready.html"), "<p>\n{{#books}}{{title}}{{/books}}</p>");
        NoticeTemplates.TemplateException e = assertThrows(NoticeTemplates.TemplateException.class, () -> NoticeTemplates.load(dir));
        assertTrue(e.getMessage().contains("hold-ready.html:2:") && e.getMessage().contains("books"), e.getMessage());
        Files.delete(en.resolve("hold-ready.html"));
        Files.writeString(en.resolve("overdue-9.txt"), "Subject: x\n\ny");
        e = assertThrows(NoticeTemplates.TemplateException.class, () -> NoticeTemplates.load(dir));
        assertTrue(e.getMessage().contains("overdue-9.txt") && e.getMessage().contains("not a notice type"), e.getMessage());
    }

    @Test
    void aLibrarysOwnTemplateInThePatronsLanguageWinsAndTheBuiltInServesTheRest() throws Exception {
        Path fr = Files.createDirectories(dir.resolve("MAIN").resolve("fr"));
        Files.writeString(fr.resolve("pre-due.txt"), "Subject: Rappel {{library.name}}\n\nBonjour {{patron.name}}\n");
        NoticeTemplates t = NoticeTemplates.load(dir);
        Map<String, Object> ctx = new NoticeContext("pre-due", "2026-11-02").patron("Zoé <Z>", "P1", "z@example.org", "")
                .library("MAIN", "Main", "", "").item("T", "I1", "2026-11-04", "").values();
        NoticeTemplates.Rendered french = t.render(NoticeType.PRE_DUE, "MAIN", "fr", ctx);
        assertEquals("Rappel Main", french.subject());
        assertEquals("Bonjour Zoé <Z>\n", french.text());
        assertNull(french.html(), "no HTML template for French: a text-only message");
        NoticeTemplates.Rendered english = t.render(NoticeType.PRE_DUE, "NORTH", "fr", ctx);
        assertEquals("Main: due soon", english.subject());
        assertTrue(english.html().contains("Zoé &lt;Z&gt;"), english.html());
        assertTrue(english.text().contains("- T (I1), due 2026-11-04"), english.text());
    }

    @Test
    void everyTypeHasABuiltInEnglishTemplateThatRendersTheSample() {
        NoticeTemplates t = NoticeTemplates.load(null);
        for (NoticeType type : NoticeType.values()) {
            NoticeTemplates.Rendered r = t.render(type, "MAIN", "en", NoticeContext.sample());
            assertTrue(r.subject().startsWith("Main Library: "), type + ": " + r.subject());
            assertTrue(r.text().contains("Sample Patron"), type + ": " + r.text());
            assertTrue(r.html().contains("Sample Patron"), type + ": " + r.html());
        }
    }
}
