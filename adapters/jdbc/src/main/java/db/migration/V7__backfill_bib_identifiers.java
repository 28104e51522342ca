package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.BibRecord;

/**
 * Back-fills {@code bib_identifier} (V6) for the bibs stored before it existed: reads every bib in id order, in pages,
 * and indexes the identifiers of its ISBN field and MARC record exactly as {@code JdbcBibs} does on insert.
 */
public class V7__backfill_bib_identifiers extends BaseJavaMigration {

    private static final int PAGE = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        long after = 0;
        try (PreparedStatement read = c.prepareStatement("SELECT id, control_number, isbn, marc FROM bib WHERE id > ? ORDER BY id FETCH FIRST "
                + PAGE + " ROWS ONLY");
             PreparedStatement write = c.prepareStatement("INSERT INTO bib_identifier (bib_id, id_type, id_value) VALUES (?, ?, ?)")) {
            while (true) {
                read.setLong(1, after);
                int n = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        after = rs.getLong("id");
                        BibRecord bib = new BibRecord(after, rs.getString("control_number"), null, null, rs.getString("isbn"), null, null,
                                rs.getBytes("marc"));
                        for (BibIdentifier id : BibIdentifier.of(bib)) {
                            write.setLong(1, after);
                            write.setString(2, id.type().name());
                            write.setString(3, id.value());
                            write.addBatch();
                        }
                    }
                }
                write.executeBatch();
                if (n < PAGE) {
                    return;
                }
            }
        }
    }
}
