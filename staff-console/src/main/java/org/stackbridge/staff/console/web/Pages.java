package org.stackbridge.staff.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.Chrome;
import org.stackbridge.staff.console.page.ConsolePages;

/**
 * Renders the jte templates, precompiled at build time (no template is compiled at run time). The content type is
 * HTML, so every {@code ${...}} is escaped for where it stands: a patron named {@code <script>} is shown as text.
 */
public final class Pages {

    static final String TEMPLATES_PACKAGE = "org.stackbridge.staff.console.templates";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, Pages.class.getClassLoader(),
            TEMPLATES_PACKAGE);
    private final boolean sound;

    public Pages(boolean sound) {
        this.sound = sound;
    }

    /** The frame of a page in {@code section} for {@code session} (null before sign-in). */
    public Chrome chrome(String title, String section, ConsoleSession session) {
        return new Chrome(title, section, session, sound);
    }

    /** Renders {@code template} (e.g. {@code desk.jte}) with its one page model. */
    public String render(String template, Object page) {
        StringOutput out = new StringOutput();
        engine.render(template, page, out);
        return out.toString();
    }

    public String error(ConsoleSession session, int status, String title, String detail) {
        return render("error.jte", new ConsolePages.ErrorPage(chrome(title, "", session), status, title, detail));
    }
}
