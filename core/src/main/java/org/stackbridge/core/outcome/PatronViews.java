package org.stackbridge.core.outcome;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.stackbridge.core.model.Changes;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.EventType;

/** Results of the patron desk (search, blocks) and of the history look-ups. */
public final class PatronViews {

    private PatronViews() {
    }

    /** One page of a patron search; {@code more} says whether a next page has results. */
    public record PatronPage(List<Views.PatronView> patrons, int page, int perPage, boolean more) implements Serializable {
        public PatronPage {
            patrons = List.copyOf(patrons);
        }
    }

    /** A patron's active blocks. */
    public record PatronBlocks(String patronBarcode, List<Views.BlockLine> blocks) implements Serializable {
        public PatronBlocks {
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * One event of a history: when, what, who (the staff login, the SIP2 terminal's login or the NCIP agency, with
     * the channel and terminal), where, and the before and after values when it changed something.
     */
    public record HistoryLine(long eventId, Instant at, EventType type, String actor, Channel channel, String terminal,
                              String library, String itemBarcode, String summary, List<Changes.Change> changes) implements Serializable {
        public HistoryLine {
            changes = List.copyOf(changes);
        }
    }

    /** One page of a history, newest first; {@code more} says whether older events follow. */
    public record HistoryPage(String barcode, List<HistoryLine> events, int page, int perPage, boolean more) implements Serializable {
        public HistoryPage {
            events = List.copyOf(events);
        }
    }

    /**
     * The context of a refusal caused by one input field (an unknown category, a home library that does not exist):
     * the API answers it as a 400 naming the field.
     */
    public record FieldProblem(String field, String reason) implements Serializable {
    }
}
