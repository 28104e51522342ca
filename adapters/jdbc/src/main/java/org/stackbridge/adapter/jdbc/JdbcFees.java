package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.port.Fees;

final class JdbcFees implements Fees {

    private static final String COLS = "id, patron_id, fee_type, amount, currency, remaining, item_id, loan_id, description, created_at";
    private static final String CREDIT_COLS = "id, patron_id, credit_type, amount, currency, method, reference, channel, terminal, credited_at";

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
        long id = sql.insert("INSERT INTO fee_credit (patron_id, credit_type, amount, currency, method, reference, channel, terminal, credited_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.patronId(), c.type(), c.amount().amount(), c.amount().currency().getCurrencyCode(), c.method(), c.reference(), c.channel(),
                c.terminal(), c.at());
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
                head.terminal(), head.at(), allocations);
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
                Sql.enumOf(Channel.class, rs, "channel"), rs.getString("terminal"), Sql.instant(rs, "credited_at"), List.of());
    }
}
