package org.stackbridge.core.port;

import java.time.Instant;
import java.util.List;
import org.stackbridge.core.model.Bucket;
import org.stackbridge.core.model.Dimension;

/**
 * The store's aggregate queries behind the reports. Each runs in the store (one query, not a scan in Java) and is
 * read-only. A library code narrows to that library where given ({@code null}: every library).
 */
public interface ReportQueries {

    /** Checkouts, renewals, checkins and distinct borrowers per bucket and group, from the event log. */
    List<CirculationRow> circulation(List<Bucket> buckets, Dimension by, String library);

    /**
     * As {@link #circulation(List, Dimension, String)}, the buckets cut at local midnights in {@code zone}: a store
     * with a daily summary kept in that zone may answer from it (the same figures, far fewer rows).
     */
    default List<CirculationRow> circulation(List<Bucket> buckets, Dimension by, String library, java.time.ZoneId zone) {
        return circulation(buckets, by, library);
    }

    /** As {@link #kiosks(List, String)}, the days cut in {@code zone} (see the zoned circulation). */
    default List<TerminalRow> kiosks(List<Bucket> days, String library, java.time.ZoneId zone) {
        return kiosks(days, library);
    }

    /** The most borrowed titles (checkouts in [from, to)), most first. */
    List<TitleRow> topTitles(Instant from, Instant to, String library, int limit);

    /** Items by their current status (a snapshot, not a period). */
    List<CountRow> itemsByStatus(String library);

    /** Loans open and due before {@code now}, oldest due first. */
    List<OverdueRow> overdue(Instant now, String library, int limit);

    /** Per SIP2 terminal and day bucket: checkouts, checkins and renewals done through it. */
    List<TerminalRow> kiosks(List<Bucket> days, String library);

    /** Items not checked out in [from, to) (none of its CHECKOUT events falls there), by library and call number. */
    List<ItemRow> neverBorrowed(Instant from, Instant to, String library, int limit);

    /** Holds placed in [from, to) (by pickup library), each with its current status. */
    List<HoldRow> holdsPlaced(Instant from, Instant to, String library, int limit);

    /** The first time an item was trapped for each hold, from the trap events in [from, to); by hold id. */
    java.util.Map<Long, Instant> holdTraps(Instant from, Instant to, int limit);

    /** Holds that expired unclaimed on the hold shelf, their last shelf day in [from, to). */
    List<HoldRow> holdsExpiredOnShelf(java.time.LocalDate from, java.time.LocalDate to, String library, int limit);

    /** ILL requests created in [from, to): partner, direction, state, creation and last change. */
    List<IllRow> illRequests(Instant from, Instant to, int limit);

    /**
     * The fee ledger in [from, to), by the patron's home library, fee type and currency: fees charged; money paid,
     * waived (waivers, cancellations, upheld disputes) and refunded on them, by when the credit was taken; disputes
     * opened, by their outcome (null while open).
     */
    List<MoneyRow> money(Instant from, Instant to, String library);

    /** {@code group} is null for {@link Dimension#NONE} and for events without that attribute. */
    record CirculationRow(int bucket, String group, long checkouts, long renewals, long checkins, long borrowers) {
    }

    record TitleRow(String controlNumber, String title, String author, long checkouts) {
    }

    record CountRow(String key, long count) {
    }

    record OverdueRow(String library, String itemBarcode, String title, String patronBarcode, String patronName,
                      Instant dueAt) {
    }

    record ItemRow(String library, String barcode, String callNumber, String title, String status) {
    }

    /** {@code trappedAt} null: never trapped (or not asked). */
    record HoldRow(long id, String pickupLibrary, Instant placedAt, String status, Instant trappedAt) {
    }

    record IllRow(String partner, String role, String state, Instant createdAt, Instant updatedAt) {
    }

    /** One figure of the ledger: {@code kind} is CHARGED, PAYMENT, WAIVED, REFUND or DISPUTE_OPEN/UPHELD/REJECTED. */
    record MoneyRow(String library, String feeType, String currency, String kind, java.math.BigDecimal amount, long count) {
    }

    record TerminalRow(int bucket, String terminal, long checkouts, long checkins, long renewals) {
    }
}
