package org.stackbridge.core.ill;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;

/** Results of the ILL commands. */
public final class IllViews {

    private IllViews() {
    }

    /** A bibliographic description as partners send it; {@code controlNumber} matches a local bib when present. */
    public record Citation(String title, String author, String isbn, String controlNumber) implements Serializable {
        public Citation {
            title = title == null ? "" : title;
        }

        public static Citation of(String title) {
            return new Citation(title, null, null, null);
        }
    }

    /** @param bibControlNumber the title the request is for (null before one is known), e.g. to name a copy of it */
    public record IllRequestView(long id, IllRole role, IllState state, String partnerAgency, String externalId,
                                 String patronBarcode, String itemBarcode, String title, String pickupLibrary,
                                 Instant createdAt, Instant updatedAt, String bibControlNumber) implements Serializable {

        public IllRequestView(long id, IllRole role, IllState state, String partnerAgency, String externalId, String patronBarcode,
                              String itemBarcode, String title, String pickupLibrary, Instant createdAt, Instant updatedAt) {
            this(id, role, state, partnerAgency, externalId, patronBarcode, itemBarcode, title, pickupLibrary, createdAt, updatedAt, null);
        }
    }

    /** A borrowed item received: the temporary item and the hold that waits for our patron. */
    public record Received(IllRequestView request, String itemBarcode, long holdId, String bibControlNumber,
                           boolean replay) implements Serializable {
    }

    /** A partner's request for our item: the hold placed for the partner-library patron. */
    public record LendingRequested(IllRequestView request, long holdId, String bibControlNumber, String itemBarcode,
                                   int queuePosition, boolean replay) implements Serializable {
    }

    /** One logged transition; {@code from} is "NEW" for the creation. */
    public record Transition(Instant at, String from, String to, String actor, Channel channel, String note) implements Serializable {
    }

    public record Detail(IllRequestView request, List<Transition> history) implements Serializable {
        public Detail {
            history = List.copyOf(history);
        }
    }

    public record Listing(List<IllRequestView> requests) implements Serializable {
        public Listing {
            requests = List.copyOf(requests);
        }
    }

    /**
     * ILL statistics. {@code counts}: current requests by role and state. {@code completed}: requests completed in
     * [from, to). {@code medianTurnaround}: median time from creation to completion of those (absent role = none).
     */
    public record Stats(Instant from, Instant to, Map<IllRole, Map<IllState, Long>> counts, Map<IllRole, Long> completed,
                        Map<IllRole, Duration> medianTurnaround) implements Serializable {
        public Stats {
            counts = Map.copyOf(counts);
            completed = Map.copyOf(completed);
            medianTurnaround = Map.copyOf(medianTurnaround);
        }

        public long count(IllRole role, IllState state) {
            Map<IllState, Long> m = counts.get(role);
            return m == null ? 0 : m.getOrDefault(state, 0L);
        }
    }

    /** A title with its items; {@code more} when items were left out by the limit. */
    public record Holdings(String bibControlNumber, String title, String author, String isbn, int titleHoldQueueLength,
                           List<org.stackbridge.core.outcome.Views.ItemInfo> items, boolean more) implements Serializable {
        public Holdings {
            items = List.copyOf(items);
        }
    }

    public record Recalled(org.stackbridge.core.outcome.Views.ItemInfo item, String patronBarcode, Instant dueAt,
                           Instant previousDueAt) implements Serializable {
    }
}
