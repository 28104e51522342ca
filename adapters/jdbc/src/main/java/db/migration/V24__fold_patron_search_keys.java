package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.stackbridge.core.model.PatronSearch;

/**
 * Recomputes every patron's search keys ({@code name_key}, {@code email_key}) with core's {@link PatronSearch#fold}.
 * V8 back-filled them in SQL with {@code LOWER(...)} only, so patrons stored before V8 kept their accents ("müller")
 * and a search for "muller" missed them; SQL cannot fold accents the same way on H2 and PostgreSQL, hence Java. Reads
 * the patrons in id order, in pages, and rewrites only the keys that differ.
 */
public class V24__fold_patron_search_keys extends BaseJavaMigration {

    private static final int PAGE = 500;
    /** The width of the key columns (V8), as JdbcPatrons cuts them. */
    private static final int MAX_KEY = 255;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        long after = 0;
        try (PreparedStatement read = c.prepareStatement("SELECT id, name, email, name_key, email_key FROM patron WHERE id > ? ORDER BY id"
                + " FETCH FIRST " + PAGE + " ROWS ONLY");
             PreparedStatement write = c.prepareStatement("UPDATE patron SET name_key = ?, email_key = ? WHERE id = ?")) {
            while (true) {
                read.setLong(1, after);
                int n = 0;
                int changed = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        after = rs.getLong("id");
                        String nameKey = key(rs.getString("name"));
                        String emailKey = key(rs.getString("email"));
                        if (!java.util.Objects.equals(nameKey, rs.getString("name_key"))
                                || !java.util.Objects.equals(emailKey, rs.getString("email_key"))) {
                            write.setString(1, nameKey);
                            write.setString(2, emailKey);
                            write.setLong(3, after);
                            write.addBatch();
                            changed++;
                        }
                    }
                }
                if (changed > 0) {
                    write.executeBatch();
                }
                if (n < PAGE) {
                    return;
                }
            }
        }
    }

    private static String key(String value) {
        String folded = PatronSearch.fold(value);
        return folded == null || folded.length() <= MAX_KEY ? folded : folded.substring(0, MAX_KEY);
    }
}
