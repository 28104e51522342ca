package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.stackbridge.adapter.jdbc.JdbcCirculationSummary;

/**
 * The daily circulation summary ({@link JdbcCirculationSummary}): its two tables, an index for the reports by item
 * type and time, and the summary filled from the existing event log, so an upgraded library's reports show the same
 * figures as before. A Java migration because the fill cuts days in each library's zone exactly as the reports do
 * ({@code java.time}), not with either database's own time-zone rules; it runs once, in the migration's transaction.
 */
public class V23__circulation_summary extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE circ_day ("
                    + " local_day DATE NOT NULL, library VARCHAR(64) NOT NULL, channel VARCHAR(16) NOT NULL,"
                    + " category VARCHAR(64) NOT NULL, item_type VARCHAR(64) NOT NULL, terminal VARCHAR(255) NOT NULL,"
                    + " checkouts BIGINT NOT NULL, renewals BIGINT NOT NULL, checkins BIGINT NOT NULL,"
                    + " CONSTRAINT pk_circ_day PRIMARY KEY (local_day, library, channel, category, item_type, terminal))");
            st.execute("CREATE TABLE circ_day_borrower ("
                    + " local_day DATE NOT NULL, library VARCHAR(64) NOT NULL, channel VARCHAR(16) NOT NULL,"
                    + " category VARCHAR(64) NOT NULL, item_type VARCHAR(64) NOT NULL, borrower VARCHAR(64) NOT NULL,"
                    + " patron_id BIGINT,"
                    + " CONSTRAINT pk_circ_day_borrower PRIMARY KEY (local_day, library, channel, category, item_type, borrower))");
            // unlinking a patron's rows (anonymisation) and renaming them to a new pseudonym find them by patron
            st.execute("CREATE INDEX ix_circ_day_borrower_patron ON circ_day_borrower (patron_id, local_day)");
            // the top-titles report and the hold traps read one event type over a time range: this index answers
            // them without visiting the table (event types in time order: appended at the end of each type's range)
            st.execute("CREATE INDEX ix_event_log_type_at ON event_log (event_type, at, item_id, library)");
        }
        JdbcCirculationSummary.rebuild(c);
    }
}
