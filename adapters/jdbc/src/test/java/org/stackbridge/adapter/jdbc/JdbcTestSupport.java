package org.stackbridge.adapter.jdbc;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for tests of the JDBC adapter. */
final class JdbcTestSupport {

    /** Every table, children before parents. */
    private static final List<String> TABLES = List.of("loan_mark", "fee_allocation", "fee_credit", "fee_dispute", "fee", "loan", "hold", "patron_block", "item",
            "patron", "bib_identifier", "bib", "event_log", "ill_request", "request_key", "terminal_account", "staff_account", "circ_rule", "library_closed_weekday",
            "library_closed_date", "library", "console_session", "staff_token");

    private JdbcTestSupport() {
    }

    /** Empties every table, so one database can serve many tests. */
    static void clear(JdbcStorage storage) throws Exception {
        storage.write(tx -> {
            Sql sql = ((JdbcStoreTx) tx).sql();
            TABLES.forEach(t -> sql.update("DELETE FROM " + t));
            return null;
        }).get(30, TimeUnit.SECONDS);
        // the rows went behind the ports' backs: drop the libraries the storage keeps in memory
        storage.settingsChanged();
    }
}
