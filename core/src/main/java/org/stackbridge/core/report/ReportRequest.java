package org.stackbridge.core.report;

import org.stackbridge.core.model.Dimension;

/**
 * A report as asked for, unparsed: the name, {@code from}/{@code to} (YYYY-MM-DD, inclusive), {@code by} (a
 * {@link Dimension}), {@code period} (a {@link Period}) and {@code library} (a code, or null for all) and {@code institution} (a library-scoped staff account's: the
 * library must belong to it), as the API's
 * query parameters and the CLI's options give them. {@link ReportCatalogue#run} validates them.
 */
public record ReportRequest(String name, String from, String to, String by, String period, String library, String institution) {

    /** A request with no institution restriction (the CLI, an account acting in every institution). */
    public ReportRequest(String name, String from, String to, String by, String period, String library) {
        this(name, from, to, by, period, library, null);
    }
}
