package org.stackbridge.staff.console.web;

import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.card.PatronCards;

/**
 * Gathers what a patron's ID card shows (the patron from the engine, the home library's name) and answers the PDF drawn
 * by the staff API's {@link PatronCards}, as {@code GET /api/v1/patrons/{b}/card.pdf} does.
 */
final class CardPrinting {

    /** A card, or the refusal of the patron look-up. */
    record Found(PatronCards.Card card, Outcome.Refused<?> refused, String barcode) {
    }

    private final ConsoleEngine engine;

    CardPrinting(ConsoleEngine engine) {
        this.engine = engine;
    }

    Found card(RequestContext ctx, String barcode) {
        Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(ctx, barcode, null));
        if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
            return new Found(null, r, barcode);
        }
        Views.PatronView p = found.value().patron();
        Outcome<Views.LibraryView> library = engine.run(new Commands.LookupLibrary(ctx, p.homeLibrary()));
        String name = library instanceof Outcome.Success<Views.LibraryView> s && s.result().name() != null ? s.result().name() : p.homeLibrary();
        return new Found(new PatronCards.Card(name, p.name(), p.barcode(), p.expires()), null, barcode);
    }

    /** The cards of {@code barcodes} in order; the first barcode that is refused ends the look-up (returned as its Found). */
    List<Found> cards(RequestContext ctx, List<String> barcodes) {
        List<Found> out = new ArrayList<>();
        for (String b : barcodes) {
            Found f = card(ctx, b);
            out.add(f);
            if (f.refused() != null) {
                break;
            }
        }
        return out;
    }

    static Response pdf(byte[] bytes, String name) {
        return Response.ok(bytes, "application/pdf").header("Content-Disposition", "inline; filename=\"" + PatronCards.fileName(name) + "\"")
                .build();
    }
}
