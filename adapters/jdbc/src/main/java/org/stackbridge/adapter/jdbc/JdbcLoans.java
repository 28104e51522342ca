package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.port.Loans;

/**
 * Loans. {@code open_item_id} mirrors {@code item_id} while the loan is open and is NULL once returned;
 * its UNIQUE constraint is what makes a second open loan for an item impossible, whichever process tries.
 */
final class JdbcLoans implements Loans {

    static final String COLS = "id, item_id, patron_id, library, issued_at, due_at, returned_at, renewals, channel, terminal";

    private final Sql sql;
    private final UnitMemo memo = new UnitMemo();

    JdbcLoans(Sql sql) {
        this.sql = sql;
    }

    void forget() {
        memo.forget();
    }

    @Override
    public Optional<Loan> openForItem(long itemId) {
        return memo.one("item " + itemId, () -> sql.one("SELECT " + COLS + " FROM loan WHERE open_item_id = ?", JdbcLoans::loan, itemId));
    }

    @Override
    public List<Loan> openForPatron(long patronId) {
        return memo.list("patron " + patronId,
                () -> sql.list("SELECT " + COLS + " FROM loan WHERE patron_id = ? AND returned_at IS NULL ORDER BY id", JdbcLoans::loan, patronId));
    }

    @Override
    public Optional<Loan> byId(long id) {
        return sql.one("SELECT " + COLS + " FROM loan WHERE id = ?", JdbcLoans::loan, id);
    }

    @Override
    public Loan insert(Loan l) {
        memo.forget();
        long id = sql.insert("INSERT INTO loan (item_id, open_item_id, patron_id, library, issued_at, due_at, returned_at, renewals, channel, terminal)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                l.itemId(), l.isOpen() ? l.itemId() : null, l.patronId(), l.library(), l.issuedAt(), l.dueAt(), l.returnedAt(),
                l.renewals(), l.channel(), l.terminal());
        return l.withId(id);
    }

    @Override
    public void update(Loan l) {
        memo.forget();
        sql.updateOne("loan " + l.id(), "UPDATE loan SET item_id = ?, open_item_id = ?, patron_id = ?, library = ?, issued_at = ?, due_at = ?,"
                + " returned_at = ?, renewals = ?, channel = ?, terminal = ? WHERE id = ?",
                l.itemId(), l.isOpen() ? l.itemId() : null, l.patronId(), l.library(), l.issuedAt(), l.dueAt(), l.returnedAt(),
                l.renewals(), l.channel(), l.terminal(), l.id());
    }

    @Override
    public List<Loan> openPage(long afterId, int limit) {
        return sql.list("SELECT " + COLS + " FROM loan WHERE id > ? AND returned_at IS NULL ORDER BY id FETCH FIRST ? ROWS ONLY",
                JdbcLoans::loan, afterId, Math.max(0, limit));
    }

    static Loan loan(ResultSet rs) throws SQLException {
        return new Loan(rs.getLong("id"), rs.getLong("item_id"), rs.getLong("patron_id"), rs.getString("library"),
                Sql.instant(rs, "issued_at"), Sql.instant(rs, "due_at"), Sql.instant(rs, "returned_at"), rs.getInt("renewals"),
                Sql.enumOf(Channel.class, rs, "channel"), rs.getString("terminal"));
    }
}
