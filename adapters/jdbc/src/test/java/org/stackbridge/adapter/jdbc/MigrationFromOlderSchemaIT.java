package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.model.PatronSearch;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.model.TerminalAccount;

/**
 * Migrations are forward-only and upgrade a database in use: the schema is built as of an older version (Flyway
 * {@code target}), filled with the rows a library had then (written with that version's columns), migrated to the
 * latest version by {@link JdbcStorage#open}, and read back through the store: nothing lost, and the data the
 * migrations derive (notice preferences, block types, enabled accounts) filled in. On H2 and PostgreSQL.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MigrationFromOlderSchemaIT {

    /**
     * The older schema: no release is tagged yet, so the schema before the patron, fee, hold and administration work
     * (V4, staff accounts), which every later migration has to carry data across.
     */
    static final String OLDER_VERSION = "4";
    private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anH2DatabaseOfTheOlderSchemaMigratesWithItsData() throws Exception {
        upgradeAndCheck(JdbcSettings.embedded(dir));
    }

    @Test
    void aPostgresqlDatabaseOfTheOlderSchemaMigratesWithItsData() throws Exception {
        upgradeAndCheck(TestPostgres.emptyDatabase());
    }

    private void upgradeAndCheck(JdbcSettings settings) throws Exception {
        JdbcStorage.flyway(settings).target(OLDER_VERSION).load().migrate();
        assertEquals(OLDER_VERSION, JdbcStorage.flyway(settings).load().info().current().getVersion().getVersion());
        fillAsOfTheOlderVersion(settings);

        try (JdbcStorage storage = JdbcStorage.open(settings)) {
            org.flywaydb.core.api.MigrationInfoService info = JdbcStorage.flyway(settings).load().info();
            assertEquals(0, info.pending().length, "every migration after V" + OLDER_VERSION + " applied");
            assertTrue(info.current().getVersion().isNewerThan(OLDER_VERSION), info.current().getVersion().toString());
            storage.read(tx -> {
                assertEquals("Main Library", tx.libraries().find("MAIN").orElseThrow().name());

                Patron ada = tx.patrons().byBarcode("P1").orElseThrow();
                assertEquals("Ada Lovelace", ada.name());
                assertEquals("ada@example.org", ada.email());
                assertEquals(NoticePreference.EMAIL, ada.noticePreference(), "a patron with an e-mail address is told by e-mail");
                Patron bob = tx.patrons().byBarcode("P2").orElseThrow();
                assertEquals(NoticePreference.PRINT, bob.noticePreference(), "one without is told on paper");
                assertNull(bob.birthDate());

                List<PatronBlock> blocks = tx.patrons().blocks(bob.id());
                assertEquals(List.of(BlockType.KIOSK, BlockType.MANUAL), blocks.stream().map(PatronBlock::type).toList());
                assertEquals("lost card at the kiosk", blocks.get(0).reason());

                Item item = tx.items().byBarcode("I1").orElseThrow();
                assertEquals(ItemStatus.CHECKED_OUT, item.status());
                assertEquals("Analytical engines", tx.bibs().byId(item.bibId()).orElseThrow().title());
                Loan loan = tx.loans().openForItem(item.id()).orElseThrow();
                assertEquals(ada.id(), loan.patronId());
                assertEquals(AT.plusSeconds(21 * 86_400L), loan.dueAt());

                List<Fee> fees = tx.fees().forPatron(bob.id());
                assertEquals(1, fees.size());
                assertEquals(new BigDecimal("2.50"), fees.get(0).amount().amount());
                assertEquals(new BigDecimal("1.00"), fees.get(0).remaining());
                List<FeeCredit> credits = tx.fees().creditsForPatron(bob.id());
                assertEquals(1, credits.size());
                assertEquals(new BigDecimal("1.50"), credits.get(0).amount().amount());
                assertNull(credits.get(0).actor(), "credits from before V9 have no actor");

                TerminalAccount kiosk = tx.accounts().find("kiosk").orElseThrow();
                assertTrue(kiosk.enabled(), "terminal accounts from before V13 stay enabled");
                StaffAccount grace = tx.staff().find("grace").orElseThrow();
                assertEquals(StaffRole.LIBRARIAN, grace.role());
                assertTrue(grace.enabled());

                // V8 keyed these names by LOWER(name) only; V24 folds their accents as the product does
                assertEquals(List.of("P4"), searchByName(tx, "muller"), "ü found by u");
                assertEquals(List.of("P4"), searchByName(tx, "M\u00fcller, j\u00fcr"), "and by itself");
                assertEquals(List.of("P5"), searchByName(tx, "jose"), "\u00e9 found by e");
                assertEquals(List.of("P6"), searchByName(tx, "heinz grossmann"), "\u00df found by ss");
                assertEquals(List.of("P4"), tx.patrons().search(new PatronSearch(null, null, null, "jurgen@", null), 0, 10).stream()
                        .map(Patron::barcode).toList(), "e-mail keys are folded too");

                // a record catalogued before V6 is found by its ISBN in both forms (V7 back-filled bib_identifier)
                for (String isbn : List.of("0-306-40615-2", "0306406152", "978-0-306-40615-7")) {
                    BibIdentifier id = BibIdentifier.normalised(BibIdentifier.Type.ISBN, isbn).orElseThrow();
                    assertEquals(List.of("b2"), tx.bibs().byIdentifier(id).stream().map(org.stackbridge.core.model.BibRecord::controlNumber)
                            .toList(), "found by ISBN " + isbn);
                }
                return null;
            }).get(30, TimeUnit.SECONDS);

            // and the migrated database takes new work: a second loan, a new patron with the new columns
            storage.write(tx -> tx.patrons().insert(new Patron(0, "P3", null, "Cy", "ADULT", null, null, null, null, "MAIN", false)))
                    .get(30, TimeUnit.SECONDS);
            assertTrue(storage.read(tx -> tx.patrons().byBarcode("P3")).get(30, TimeUnit.SECONDS).isPresent());
        }
    }

    private static List<String> searchByName(org.stackbridge.core.port.StoreTx tx, String name) {
        return tx.patrons().search(new PatronSearch(null, name, null, null, null), 0, 10).stream().map(Patron::barcode).toList();
    }

    /** The rows of a library as the older schema held them, written with that version's columns only. */
    private static void fillAsOfTheOlderVersion(JdbcSettings settings) throws SQLException {
        String at = "TIMESTAMP WITH TIME ZONE '2026-06-01 10:00:00+00'";
        String due = "TIMESTAMP WITH TIME ZONE '2026-06-22 10:00:00+00'";
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement s = c.createStatement()) {
            try (PreparedStatement bib = c.prepareStatement("INSERT INTO bib (control_number, title, author, isbn, marc) VALUES (?, ?, ?, NULL, ?)")) {
                bib.setString(1, "b1");
                bib.setString(2, "Analytical engines");
                bib.setString(3, "Menabrea");
                bib.setBytes(4, new byte[] {0});
                bib.executeUpdate();
            }
            try (PreparedStatement bib = c.prepareStatement("INSERT INTO bib (control_number, title, author, isbn, marc) VALUES (?, ?, ?, ?, ?)")) {
                bib.setString(1, "b2");
                bib.setString(2, "Computer networks");
                bib.setString(3, "Tanenbaum");
                bib.setString(4, "0-306-40615-2 (pbk.)");
                bib.setBytes(5, new byte[] {0});
                bib.executeUpdate();
            }
            try (PreparedStatement patron = c.prepareStatement("INSERT INTO patron (barcode, pin_hash, name, category, email, phone, address,"
                    + " expires, home_library, card_lost) VALUES (?, NULL, ?, 'ADULT', ?, NULL, NULL, DATE '2030-01-01', 'MAIN', FALSE)")) {
                for (String[] p : List.of(new String[] {"P4", "M\u00fcller, J\u00fcrgen", "J\u00fcrgen@example.org"},
                        new String[] {"P5", "Jos\u00e9 N\u00fa\u00f1ez", null},
                        new String[] {"P6", "Heinz Gro\u00dfmann", null})) {
                    patron.setString(1, p[0]);
                    patron.setString(2, p[1]);
                    patron.setString(3, p[2]);
                    patron.executeUpdate();
                }
            }
            for (String sql : List.of(
                    "INSERT INTO library (code, name, institution, zone) VALUES ('MAIN', 'Main Library', 'MAIN', 'UTC')",
                    "INSERT INTO patron (barcode, pin_hash, name, category, email, phone, address, expires, home_library, card_lost)"
                            + " VALUES ('P1', NULL, 'Ada Lovelace', 'ADULT', 'ada@example.org', NULL, NULL, DATE '2030-01-01', 'MAIN', FALSE)",
                    "INSERT INTO patron (barcode, pin_hash, name, category, email, phone, address, expires, home_library, card_lost)"
                            + " VALUES ('P2', NULL, 'Bob Babbage', 'ADULT', NULL, '555 0100', NULL, DATE '2030-01-01', 'MAIN', FALSE)",
                    "INSERT INTO patron_block (patron_id, source, blocks_borrow, blocks_renew, blocks_request, reason, created_at)"
                            + " SELECT id, 'SIP2', TRUE, TRUE, TRUE, 'lost card at the kiosk', " + at + " FROM patron WHERE barcode = 'P2'",
                    "INSERT INTO patron_block (patron_id, source, blocks_borrow, blocks_renew, blocks_request, reason, created_at)"
                            + " SELECT id, 'staff', TRUE, FALSE, FALSE, 'talk to the desk', " + at + " + INTERVAL '1' MINUTE FROM patron WHERE barcode = 'P2'",
                    "INSERT INTO item (barcode, bib_id, item_type, home_library, current_library, price, status)"
                            + " SELECT 'I1', id, 'BOOK', 'MAIN', 'MAIN', 12.00, 'CHECKED_OUT' FROM bib WHERE control_number = 'b1'",
                    "INSERT INTO loan (item_id, open_item_id, patron_id, library, issued_at, due_at, renewals, channel, terminal)"
                            + " SELECT i.id, i.id, p.id, 'MAIN', " + at + ", " + due + ", 0, 'SIP2', 'kiosk'"
                            + " FROM item i, patron p WHERE i.barcode = 'I1' AND p.barcode = 'P1'",
                    "INSERT INTO fee (patron_id, fee_type, amount, currency, remaining, description, created_at)"
                            + " SELECT id, 'OVERDUE', 2.50, 'USD', 1.00, 'late', " + at + " FROM patron WHERE barcode = 'P2'",
                    "INSERT INTO fee_credit (patron_id, credit_type, amount, currency, method, reference, channel, terminal, credited_at)"
                            + " SELECT id, 'PAYMENT', 1.50, 'USD', 'cash', 'r1', 'SIP2', 'kiosk', " + at + " FROM patron WHERE barcode = 'P2'",
                    "INSERT INTO fee_allocation (credit_id, seq, fee_id, amount) SELECT c.id, 0, f.id, 1.50 FROM fee_credit c, fee f",
                    "INSERT INTO terminal_account (login, password_hash, institution, profile) VALUES ('kiosk', 'x', 'MAIN', 'default')",
                    "INSERT INTO staff_account (login, password_hash, role, library, enabled) VALUES ('grace', 'x', 'LIBRARIAN', 'MAIN', TRUE)")) {
                s.execute(sql);
            }
        }
    }
}
