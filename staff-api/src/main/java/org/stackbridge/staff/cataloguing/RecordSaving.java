package org.stackbridge.staff.cataloguing;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.catalogue.CopyCatalogue;
import org.stackbridge.core.catalogue.MarcCataloguing;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.outcome.Outcome;

/**
 * How a record joins the catalogue, the same for the staff API and the staff console: the engine adds or overlays it
 * (verification, duplicates and the event log are the engine's), then the saved record is indexed again before anyone
 * is told, so a Z39.50, SRU or console search finds it at once. A copy-cataloguing import is the add of the hit's
 * record. Search terms sent to a copy-cataloguing target are checked here too.
 */
public final class RecordSaving {

    /** Longest copy-cataloguing search term. */
    public static final int MAX_TERM = 200;

    private final MarcCataloguing cataloguing;

    public RecordSaving(MarcCataloguing cataloguing) {
        this.cataloguing = cataloguing;
    }

    /** Completes with {@code outcome} once a saved record is indexed; a refusal completes at once, as it is. */
    public CompletionStage<Outcome<CatalogueViews.BibSaved>> indexed(Outcome<CatalogueViews.BibSaved> outcome) {
        if (outcome instanceof Outcome.Success<CatalogueViews.BibSaved> s) {
            return cataloguing.reindex(s.result().record().biblio().biblioId()).thenApply(done -> outcome);
        }
        return CompletableFuture.completedFuture(outcome);
    }

    /** The command that imports a copy-cataloguing hit: its record is added, duplicates only when allowed. */
    public static CatalogueCommands.AddBib importOf(RequestContext context, CopyCatalogue.Fetched hit, boolean allowDuplicate) {
        return new CatalogueCommands.AddBib(context, hit.bib(), allowDuplicate);
    }

    /**
     * What is wrong with a copy-cataloguing search term (optional; at most {@value #MAX_TERM} characters, without
     * quotes, backslashes or control characters, which the targets' query syntax cannot carry), or empty when it is fine.
     */
    public static Optional<String> termProblem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.length() > MAX_TERM) {
            return Optional.of("must be at most " + MAX_TERM + " characters");
        }
        if (v.indexOf('"') >= 0 || v.indexOf('\\') >= 0 || v.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain quotes, backslashes or control characters");
        }
        return Optional.empty();
    }

    /** A search term as sent: stripped; null when blank. */
    public static String term(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
