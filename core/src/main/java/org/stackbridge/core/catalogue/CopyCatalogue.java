package org.stackbridge.core.catalogue;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.BibRecord;

/**
 * Copy cataloguing: the configured remote catalogues (Z39.50, SRU), searched for records to copy. A search remembers
 * its hits for a while under a reference, so the cataloguer can look at one and import it.
 */
public interface CopyCatalogue {

    /** A configured target: its name, protocol and address. */
    record Target(String name, String type, String address) implements Serializable {
    }

    /** What to search for; at least one is given. */
    record Query(String isbn, String title, String author) implements Serializable {
    }

    /** One hit, described for choosing. */
    record Hit(String ref, String target, String title, String author, String publisher, String date, String edition,
               List<BibIdentifier> identifiers) implements Serializable {
        public Hit {
            identifiers = List.copyOf(identifiers);
        }
    }

    /** The hits of one search and how many the target reported in all. */
    record Hits(String target, int total, List<Hit> hits) implements Serializable {
        public Hits {
            hits = List.copyOf(hits);
        }
    }

    /** One hit in full: the record as a bib ready to import, and its fields. */
    record Fetched(Hit hit, BibRecord bib, MarcCataloguing.Shown marc) implements Serializable {
    }

    /** The target could not be reached or answered with an error; nothing was imported. */
    final class TargetException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TargetException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    List<Target> targets();

    /** Searches one configured target; the stage fails with {@link TargetException}. Unknown target: IllegalArgumentException. */
    CompletionStage<Hits> search(String target, Query query);

    /** A hit of a recent search, by its reference; empty when unknown or forgotten. */
    Optional<Fetched> fetched(String ref);
}
