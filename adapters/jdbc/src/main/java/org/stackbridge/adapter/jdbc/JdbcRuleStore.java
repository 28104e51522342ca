package org.stackbridge.adapter.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.port.RuleStore;

/** Rules in insertion order (later rules win ties in the policy table). */
final class JdbcRuleStore implements RuleStore {

    private static final String COLUMNS = "library, category, item_type, loan_period, loan_unit, renewals_allowed, renewal_period,"
            + " max_loans, fine_per_day, grace_days, fine_cap, holds_allowed, hold_shelf_days, closed_days, source,"
            + " overdue_notice_days";

    private final Sql sql;

    JdbcRuleStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<CirculationRule> all() {
        return sql.list("SELECT library, category, item_type, loan_period, loan_unit, renewals_allowed, renewal_period, max_loans,"
                + " fine_per_day, grace_days, fine_cap, holds_allowed, hold_shelf_days, closed_days, source, overdue_notice_days"
                + " FROM circ_rule ORDER BY id",
                JdbcRuleStore::rule);
    }

    @Override
    public void add(CirculationRule r) {
        insert(r);
    }

    @Override
    public List<StoredRule> stored() {
        return sql.list("SELECT id, " + COLUMNS + " FROM circ_rule ORDER BY id", rs -> new StoredRule(rs.getLong("id"), rule(rs)));
    }

    @Override
    public long insert(CirculationRule r) {
        return sql.insert("INSERT INTO circ_rule (library, category, item_type, loan_period, loan_unit, renewals_allowed, renewal_period, max_loans,"
                + " fine_per_day, grace_days, fine_cap, holds_allowed, hold_shelf_days, closed_days, source, overdue_notice_days)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.library(), r.category(), r.itemType(), r.loanPeriod(), r.loanUnit(), r.renewalsAllowed(), r.renewalPeriod(), r.maxLoans(),
                r.finePerDay().toPlainString(), r.graceDays(), r.fineCap() == null ? null : r.fineCap().toPlainString(), r.holdsAllowed(),
                r.holdShelfDays(), r.closedDays(), r.source(), days(r));
    }

    @Override
    public boolean replace(long id, CirculationRule r) {
        return sql.update("UPDATE circ_rule SET library = ?, category = ?, item_type = ?, loan_period = ?, loan_unit = ?, renewals_allowed = ?,"
                + " renewal_period = ?, max_loans = ?, fine_per_day = ?, grace_days = ?, fine_cap = ?, holds_allowed = ?, hold_shelf_days = ?,"
                + " closed_days = ?, source = ?, overdue_notice_days = ? WHERE id = ?",
                r.library(), r.category(), r.itemType(), r.loanPeriod(), r.loanUnit(), r.renewalsAllowed(), r.renewalPeriod(), r.maxLoans(),
                r.finePerDay().toPlainString(), r.graceDays(), r.fineCap() == null ? null : r.fineCap().toPlainString(), r.holdsAllowed(),
                r.holdShelfDays(), r.closedDays(), r.source(), days(r), id) > 0;
    }

    @Override
    public boolean remove(long id) {
        return sql.update("DELETE FROM circ_rule WHERE id = ?", id) > 0;
    }

    private static CirculationRule rule(ResultSet rs) throws SQLException {
        String cap = rs.getString("fine_cap");
        return new CirculationRule(rs.getString("library"), rs.getString("category"), rs.getString("item_type"), rs.getInt("loan_period"),
                Sql.enumOf(PeriodUnit.class, rs, "loan_unit"), rs.getInt("renewals_allowed"), rs.getInt("renewal_period"),
                rs.getInt("max_loans"), new BigDecimal(rs.getString("fine_per_day")), rs.getInt("grace_days"),
                cap == null ? null : new BigDecimal(cap), rs.getBoolean("holds_allowed"), rs.getInt("hold_shelf_days"),
                Sql.enumOf(ClosedDayStrategy.class, rs, "closed_days"), rs.getString("source"), days(rs.getString("overdue_notice_days")));
    }

    /** Overdue notice days as stored: "1,14,28", or NULL for the notices' default. */
    private static String days(CirculationRule r) {
        return r.overdueNoticeDays() == null ? null
                : String.join(",", r.overdueNoticeDays().stream().map(String::valueOf).toList());
    }

    private static List<Integer> days(String stored) {
        return stored == null || stored.isBlank() ? null
                : java.util.Arrays.stream(stored.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }
}
