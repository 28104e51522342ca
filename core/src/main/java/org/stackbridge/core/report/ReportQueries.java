package org.stackbridge.core.report;

import java.time.Instant;
import java.util.List;

/**
 * The store's aggregate queries behind the reports. Each runs in the store (one query, not a scan in Java) and is
 * read-only. A library code narrows to that library where given ({@code null}: every library).
 */
public interface ReportQueries {

    /** Checkouts, renewals, checkins and distinct borrowers per bucket and group, from the event log. */
    List<CirculationRow> circulation(List<Bucket> buckets, Dimension by, String library);

    /** The most borrowed titles (checkouts in [from, to)), most first. */
    List<TitleRow> topTitles(Instant from, Instant to, String library, int limit);

    /** Items by their current status (a snapshot, not a period). */
    List<CountRow> itemsByStatus(String library);

    /** Loans open and due before {@code now}, oldest due first. */
    List<OverdueRow> overdue(Instant now, String library, int limit);

    /** Per SIP2 terminal and day bucket: checkouts, checkins and renewals done through it. */
    List<TerminalRow> kiosks(List<Bucket> days, String library);

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

    record TerminalRow(int bucket, String terminal, long checkouts, long checkins, long renewals) {
    }
}
