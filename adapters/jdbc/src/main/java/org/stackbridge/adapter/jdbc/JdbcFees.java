package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.DisputeOutcome;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeDispute;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.port.Fees;

final class JdbcFees implements Fees {

    private static final String COLS = "id, patron_id, fee_type, amount, currency, remaining, item_id, loan_id, description, created_at";
    private static final String CREDIT_COLS = "id, patron_id, credit_type, amount, currency, method, reference, channel, terminal, credited_at,"
            + " actor, library, note, balance_after";
    private static final String DISPUTE_COLS = "id, fee_id, patron_id, opened_at, opened_by, note, resolved_at, resolved_by, outcome,"
            + " resolution_note";

    private final Sql sql;
    private final UnitMemo memo = new UnitMemo();

    JdbcFees(Sql sql) {
        this.sql = sql;
    }

    void forget() {
        memo.forget();
    }

    @Override
    public List<Fee> openForPatron(long patronId) {
        return memo.list("patron " + patronId,
                () -> sql.list("SELECT " + COLS + " FROM fee WHERE patron_id = ? AND remaining > 0 ORDER BY created_at, id", JdbcFees::fee, patronId));
    }

    @Override
    public Optional<Fee> byId(long id) {
        return sql.one("SELECT " + COLS + " FROM fee WHERE id = ?", JdbcFees::fee, id);
    }

    @Override
    public Fee insert(Fee f) {
        memo.forget();
        long id = sql.insert("INSERT INTO fee (patron_id, fee_type, amount, currency, remaining, item_id, loan_id, description, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                f.patronId(), f.type(), f.amount().amount(), f.amount().currency().getCurrencyCode(), f.remaining(), f.itemId(), f.loanId(),
                f.description(), f.createdAt());
        return f.withId(id);
    }

    @Override
    public void update(Fee f) {
        memo.forget();
        sql.updateOne("fee " + f.id(), "UPDATE fee SET patron_id = ?, fee_type = ?, amount = ?, currency = ?, remaining = ?, item_id = ?,"
                + " loan_id = ?, description = ?, created_at = ? WHERE id = ?",
                f.patronId(), f.type(), f.amount().amount(), f.amount().currency().getCurrencyCode(), f.remaining(), f.itemId(), f.loanId(),
                f.description(), f.createdAt(), f.id());
    }

    @Override
    public FeeCredit insertCredit(FeeCredit c) {
        memo.forget();
        long id = sql.insert("INSERT INTO fee_credit (patron_id, credit_type, amount, currency, method, reference, channel, terminal, credited_at,"
                + " actor, library, note, balance_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.patronId(), c.type(), c.amount().amount(), c.amount().currency().getCurrencyCode(), c.method(), c.reference(), c.channel(),
                c.terminal(), c.at(), c.actor(), c.library(), c.note(), c.balanceAfter());
        List<Object[]> rows = new ArrayList<>();
        int seq = 0;
        for (FeeCredit.Allocation a : c.allocations()) {
            rows.add(new Object[] {id, seq++, a.feeId(), a.amount()});
        }
        sql.batch("INSERT INTO fee_allocation (credit_id, seq, fee_id, amount) VALUES (?, ?, ?, ?)", rows);
        return c.withId(id);
    }

    @Override
    public Optional<FeeCredit> creditByReference(Channel channel, String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        return sql.one("SELECT " + CREDIT_COLS + " FROM fee_credit WHERE channel = ? AND reference = ?", JdbcFees::creditHead,
                channel, reference).map(this::withAllocations);
    }

    private FeeCredit withAllocations(FeeCredit head) {
        List<FeeCredit.Allocation> allocations = sql.list("SELECT fee_id, amount FROM fee_allocation WHERE credit_id = ? ORDER BY seq",
                rs -> new FeeCredit.Allocation(rs.getLong("fee_id"), rs.getBigDecimal("amount")), head.id());
        return new FeeCredit(head.id(), head.patronId(), head.type(), head.amount(), head.method(), head.reference(), head.channel(),
                head.terminal(), head.at(), allocations, head.actor(), head.library(), head.note(), head.balanceAfter());
    }

    private static Fee fee(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new Fee(rs.getLong("id"), rs.getLong("patron_id"), Sql.enumOf(FeeType.class, rs, "fee_type"),
                new Money(rs.getBigDecimal("amount"), currency), rs.getBigDecimal("remaining"), Sql.nullableLong(rs, "item_id"),
                Sql.nullableLong(rs, "loan_id"), rs.getString("description"), Sql.instant(rs, "created_at"));
    }

    private static FeeCredit creditHead(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new FeeCredit(rs.getLong("id"), rs.getLong("patron_id"), Sql.enumOf(CreditType.class, rs, "credit_type"),
                new Money(rs.getBigDecimal("amount"), currency), rs.getString("method"), rs.getString("reference"),
                Sql.enumOf(Channel.class, rs, "channel"), rs.getString("terminal"), Sql.instant(rs, "credited_at"), List.of(),
                rs.getString("actor"), rs.getString("library"), rs.getString("note"), rs.getBigDecimal("balance_after"));
    }

    private static FeeDispute dispute(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        return new FeeDispute(rs.getLong("id"), rs.getLong("fee_id"), rs.getLong("patron_id"), Sql.instant(rs, "opened_at"),
                rs.getString("opened_by"), rs.getString("note"), Sql.instant(rs, "resolved_at"), rs.getString("resolved_by"),
                outcome == null ? null : DisputeOutcome.valueOf(outcome), rs.getString("resolution_note"));
    }

    // ------------------------------------------------------------ the desk's ledger

    @Override
    public List<Fee> forPatron(long patronId) {
        return sql.list("SELECT " + COLS + " FROM fee WHERE patron_id = ? ORDER BY created_at, id", JdbcFees::fee, patronId);
    }

    @Override
    public Optional<FeeCredit> creditById(long id) {
        return sql.one("SELECT " + CREDIT_COLS + " FROM fee_credit WHERE id = ?", JdbcFees::creditHead, id).map(this::withAllocations);
    }

    @Override
    public List<FeeCredit> creditsForPatron(long patronId) {
        return withAllocations(sql.list("SELECT " + CREDIT_COLS + " FROM fee_credit WHERE patron_id = ? ORDER BY credited_at, id",
                JdbcFees::creditHead, patronId), "c.patron_id = ?", patronId);
    }

    @Override
    public List<FeeCredit> creditsAt(String library, Instant from, Instant to) {
        return withAllocations(sql.list("SELECT " + CREDIT_COLS + " FROM fee_credit WHERE library = ? AND credited_at >= ? AND credited_at < ?"
                + " ORDER BY credited_at, id", JdbcFees::creditHead, library, from, to),
                "c.library = ? AND c.credited_at >= ? AND c.credited_at < ?", library, from, to);
    }

    /** The credits' allocations, read with one query over the same selection of credits. */
    private List<FeeCredit> withAllocations(List<FeeCredit> heads, String where, Object... args) {
        if (heads.isEmpty()) {
            return heads;
        }
        Map<Long, List<FeeCredit.Allocation>> byCredit = new HashMap<>();
        sql.list("SELECT a.credit_id, a.fee_id, a.amount FROM fee_allocation a JOIN fee_credit c ON c.id = a.credit_id WHERE " + where
                + " ORDER BY a.credit_id, a.seq", rs -> {
                    byCredit.computeIfAbsent(rs.getLong("credit_id"), k -> new ArrayList<>())
                            .add(new FeeCredit.Allocation(rs.getLong("fee_id"), rs.getBigDecimal("amount")));
                    return Boolean.TRUE;
                }, args);
        return heads.stream().map(h -> new FeeCredit(h.id(), h.patronId(), h.type(), h.amount(), h.method(), h.reference(), h.channel(),
                h.terminal(), h.at(), byCredit.getOrDefault(h.id(), List.of()), h.actor(), h.library(), h.note(), h.balanceAfter())).toList();
    }

    @Override
    public FeeDispute insertDispute(FeeDispute d) {
        memo.forget();
        long id = sql.insert("INSERT INTO fee_dispute (fee_id, patron_id, opened_at, opened_by, note, resolved_at, resolved_by, outcome,"
                + " resolution_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", d.feeId(), d.patronId(), d.openedAt(), d.openedBy(), d.note(),
                d.resolvedAt(), d.resolvedBy(), d.outcome(), d.resolutionNote());
        return d.withId(id);
    }

    @Override
    public void updateDispute(FeeDispute d) {
        memo.forget();
        sql.updateOne("fee dispute " + d.id(), "UPDATE fee_dispute SET resolved_at = ?, resolved_by = ?, outcome = ?, resolution_note = ?"
                + " WHERE id = ?", d.resolvedAt(), d.resolvedBy(), d.outcome(), d.resolutionNote(), d.id());
    }

    @Override
    public Optional<FeeDispute> disputeById(long id) {
        return sql.one("SELECT " + DISPUTE_COLS + " FROM fee_dispute WHERE id = ?", JdbcFees::dispute, id);
    }

    @Override
    public List<FeeDispute> disputesForPatron(long patronId) {
        return sql.list("SELECT " + DISPUTE_COLS + " FROM fee_dispute WHERE patron_id = ? ORDER BY id", JdbcFees::dispute, patronId);
    }

    @Override
    public List<FeeDispute> openDisputesForPatron(long patronId) {
        return memo.list("disputes " + patronId, () -> sql.list("SELECT " + DISPUTE_COLS
                + " FROM fee_dispute WHERE patron_id = ? AND outcome IS NULL ORDER BY id", JdbcFees::dispute, patronId));
    }
}
