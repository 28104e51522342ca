package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.card.PatronCards;

/**
 * Printable patron ID cards ({@link PatronCards}): {@code GET /patrons/{barcode}/card.pdf} (a method of
 * {@link PatronsResource}, which owns the {@code /patrons} path) is one card at credit-card size; {@code GET /patron-cards.pdf?barcode=…&barcode=…&paper=a4|letter} a batch on sheets, ten a page. The library
 * name is the patron's home library's.
 */
@Singleton
@Path("patron-cards.pdf")
public final class PatronCardsResource {

    static final String PDF = "application/pdf";

    private final EngineCalls engine;

    @Inject
    public PatronCardsResource(EngineCalls engine) {
        this.engine = engine;
    }

    @GET
    @Produces(PDF)
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Response> batch(@QueryParam("barcode") List<String> barcodes, @QueryParam("paper") String paper,
                                           @Context SecurityContext security) {
        Fields f = new Fields();
        LinkedHashSet<String> wanted = new LinkedHashSet<>();
        for (String b : barcodes) {
            wanted.add(f.barcode("barcode", b));
        }
        if (wanted.isEmpty()) {
            f.error("barcode", "required: one or more patron barcodes");
        } else if (wanted.size() > PatronCards.MAX_BATCH) {
            f.error("barcode", "at most " + PatronCards.MAX_BATCH + " cards in one batch");
        }
        PatronCards.Paper sheet = paper == null || paper.isBlank() ? PatronCards.Paper.A4 : PatronCards.Paper.parse(paper);
        if (sheet == null) {
            f.error("paper", "must be one of a4, letter");
        }
        f.check();
        RequestContext ctx = EngineCalls.context(security, null);
        CompletionStage<List<PatronCards.Card>> all = CompletableFuture.completedFuture(new ArrayList<>());
        for (String b : wanted) {
            all = all.thenCompose(list -> cardOf(engine, ctx, b).thenApply(card -> {
                list.add(card);
                return list;
            }));
        }
        return all.thenApply(cards -> pdf(() -> PatronCards.sheets(cards, sheet), "cards-" + cards.size()));
    }

    /** One patron's card ({@code GET /patrons/{barcode}/card.pdf}, served by {@link PatronsResource}). */
    static CompletionStage<Response> card(EngineCalls engine, String barcode, SecurityContext security) {
        String b = Fields.pathBarcode("barcode", barcode);
        return cardOf(engine, EngineCalls.context(security, null), b).thenApply(card -> pdf(() -> PatronCards.card(card), "card-" + card.barcode()));
    }

    /** The card of a patron: their name, barcode and expiry with their home library's name (its code when it has none). */
    private static CompletionStage<PatronCards.Card> cardOf(EngineCalls engine, RequestContext ctx, String barcode) {
        return engine.run(new Commands.LookupPatron(ctx, barcode, null), Views.PatronInfo::patron)
                .thenCompose(p -> engine.outcome(new Commands.LookupLibrary(ctx, p.homeLibrary())).thenApply(lib -> new PatronCards.Card(
                        lib instanceof Outcome.Success<Views.LibraryView> s && s.result().name() != null ? s.result().name() : p.homeLibrary(),
                        p.name(), p.barcode(), p.expires())));
    }

    /** The PDF; a barcode Code 128 cannot draw (characters outside ASCII) is a 409 naming it. */
    private static Response pdf(java.util.function.Supplier<byte[]> draw, String name) {
        byte[] bytes;
        try {
            bytes = draw.get();
        } catch (IllegalArgumentException e) {
            throw org.stackbridge.staff.problem.ProblemException.of(409, "card-not-printable", "Card not printable", e.getMessage());
        }
        return Response.ok(bytes, PDF).header("Content-Disposition", "inline; filename=\"" + PatronCards.fileName(name) + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
