package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.card.PatronCards;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.ConsolePages.CardBatchPage;
import org.stackbridge.staff.console.page.Notice;

/**
 * A batch of ID cards on A4 or Letter sheets, ten a page: the barcodes typed or scanned one a line, or the patrons
 * ticked in a search. Reading only, so a GET (the PDF opens in the browser's viewer).
 */
@Singleton
@Path("cards")
@Produces(MediaType.TEXT_HTML)
public final class CardPages {

    private final ConsoleEngine engine;
    private final Pages pages;
    private final CardPrinting cards;

    @Inject
    public CardPages(ConsoleEngine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
        this.cards = new CardPrinting(engine);
    }

    @GET
    @Requires(StaffPermission.PATRONS)
    public Response form(@Context SecurityContext security) {
        return page(200, DeskPages.session(security), "", "a4", null);
    }

    /** {@code barcodes}: one or more a line (or repeated {@code barcode} parameters); {@code paper}: a4 or letter. */
    @GET
    @Path("sheets.pdf")
    @Produces({"application/pdf", MediaType.TEXT_HTML})
    @Requires(StaffPermission.PATRONS)
    public Response sheets(@QueryParam("barcodes") String typed, @QueryParam("barcode") List<String> ticked, @QueryParam("paper") String paper,
                           @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        LinkedHashSet<String> wanted = new LinkedHashSet<>(ticked);
        if (typed != null) {
            for (String line : typed.split("[\\r\\n,;]+")) {
                if (!line.isBlank()) {
                    wanted.add(line.strip());
                }
            }
        }
        String shown = typed == null ? String.join("\n", ticked) : typed;
        PatronCards.Paper sheet = paper == null || paper.isBlank() ? PatronCards.Paper.A4 : PatronCards.Paper.parse(paper);
        if (sheet == null) {
            return page(400, session, shown, "a4", Notice.error("Paper: A4 or Letter."));
        }
        if (wanted.isEmpty() || wanted.size() > PatronCards.MAX_BATCH) {
            return page(400, session, shown, paper, Notice.error("Barcodes: 1 to " + PatronCards.MAX_BATCH + " patron barcodes, one a line."));
        }
        List<String> barcodes = new ArrayList<>();
        for (String w : wanted) {
            String b = Forms.barcode(w);
            if (b == null) {
                return page(400, session, shown, paper, Notice.error("Not a barcode: " + w + " (1 to " + Forms.MAX_BARCODE + " characters)."));
            }
            barcodes.add(b);
        }
        List<PatronCards.Card> list = new ArrayList<>();
        for (CardPrinting.Found f : cards.cards(engine.context(session), barcodes)) {
            if (f.refused() != null) {
                return page(DeskPages.status(f.refused().reason()), session, shown, paper, Notice.refused(f.refused().reason(),
                        f.refused().reason() == RefusalReason.UNKNOWN_PATRON ? "No patron with barcode " + f.barcode() + "." : f.barcode() + ": "
                        + f.refused().message()));
            }
            list.add(f.card());
        }
        try {
            return CardPrinting.pdf(PatronCards.sheets(list, sheet), "cards-" + list.size());
        } catch (IllegalArgumentException e) {
            return page(409, session, shown, paper, Notice.error("The cards cannot be printed: " + e.getMessage()));
        }
    }

    private Response page(int status, ConsoleSession session, String barcodes, String paper, Notice notice) {
        return Forms.html(status, pages.render("cards.jte", new CardBatchPage(pages.chrome("ID cards", "cards", session), barcodes,
                paper == null ? "a4" : paper.toLowerCase(java.util.Locale.ROOT), notice)));
    }
}
