package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.stackbridge.core.model.LoanMark;
import org.stackbridge.core.port.LoanMarks;

/** Loan marks (lost, claims returned); the primary key {@code (loan_id, kind)} keeps one of each kind per loan. */
final class JdbcLoanMarks implements LoanMarks {

    private static final String COLS = "loan_id, item_id, patron_id, kind, marked_at, actor, replacement_fee_id, processing_fee_id";

    private final Sql sql;
    /** A loan's marks read in the current unit: a checkin asks for them twice. */
    private final UnitMemo memo = new UnitMemo();

    JdbcLoanMarks(Sql sql) {
        this.sql = sql;
    }

    /** Forgets what was read; called when a unit of work starts or is rolled back. */
    void forget() {
        memo.forget();
    }

    @Override
    public LoanMark insert(LoanMark m) {
        memo.forget();
        sql.update("INSERT INTO loan_mark (loan_id, item_id, patron_id, kind, marked_at, actor, replacement_fee_id, processing_fee_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", m.loanId(), m.itemId(), m.patronId(), m.kind(), m.markedAt(), m.actor(),
                m.replacementFeeId(), m.processingFeeId());
        return m;
    }

    @Override
    public List<LoanMark> forLoan(long loanId) {
        return memo.list(loanId,
                () -> sql.list("SELECT " + COLS + " FROM loan_mark WHERE loan_id = ? ORDER BY marked_at, kind", JdbcLoanMarks::mark, loanId));
    }

    @Override
    public int countForPatron(long patronId, LoanMark.Kind kind) {
        return (int) sql.count("SELECT COUNT(*) FROM loan_mark WHERE patron_id = ? AND kind = ?", patronId, kind);
    }

    private static LoanMark mark(ResultSet rs) throws SQLException {
        return new LoanMark(rs.getLong("loan_id"), rs.getLong("item_id"), rs.getLong("patron_id"),
                Sql.enumOf(LoanMark.Kind.class, rs, "kind"), Sql.instant(rs, "marked_at"), rs.getString("actor"),
                Sql.nullableLong(rs, "replacement_fee_id"), Sql.nullableLong(rs, "processing_fee_id"));
    }
}
