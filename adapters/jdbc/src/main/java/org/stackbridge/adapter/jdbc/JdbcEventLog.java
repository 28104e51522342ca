package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.port.EventLog;

/** The append-only event log: this class only inserts and reads (and counts each event in the daily summary). */
final class JdbcEventLog implements EventLog {

    private static final String COLS = "id, at, event_type, actor, channel, terminal, library, patron_id, item_id, detail";
    private static final int MAX_DETAIL = 4000;

    private final Sql sql;
    private final JdbcCirculationSummary summary;

    JdbcEventLog(Sql sql, JdbcCirculationSummary summary) {
        this.sql = sql;
        this.summary = summary;
    }

    @Override
    public CirculationEvent append(CirculationEvent e) {
        String detail = e.detail() != null && e.detail().length() > MAX_DETAIL ? e.detail().substring(0, MAX_DETAIL) : e.detail();
        long id = sql.insert("INSERT INTO event_log (at, event_type, actor, channel, terminal, library, patron_id, item_id, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.at(), e.type(), e.actor(), e.channel(), e.terminal(), e.library(), e.patronId(), e.itemId(), detail);
        // the daily summary the reports read, in this same transaction (see JdbcCirculationSummary)
        summary.record(e);
        return e.withId(id);
    }

    @Override
    public List<CirculationEvent> between(Instant from, Instant to, int limit) {
        return sql.list("SELECT " + COLS + " FROM event_log WHERE at >= ? AND at < ? ORDER BY id FETCH FIRST ? ROWS ONLY",
                JdbcEventLog::event, from, to, Math.max(0, limit));
    }

    @Override
    public List<CirculationEvent> forItem(long itemId, int limit) {
        return sql.list("SELECT " + COLS + " FROM event_log WHERE item_id = ? ORDER BY id FETCH FIRST ? ROWS ONLY",
                JdbcEventLog::event, itemId, Math.max(0, limit));
    }

    @Override
    public List<CirculationEvent> forPatron(long patronId, int offset, int limit) {
        return sql.list("SELECT " + COLS + " FROM event_log WHERE patron_id = ? ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY",
                JdbcEventLog::event, patronId, Math.max(0, offset), Math.max(0, limit));
    }

    @Override
    public List<CirculationEvent> forItemNewestFirst(long itemId, int offset, int limit) {
        return sql.list("SELECT " + COLS + " FROM event_log WHERE item_id = ? ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY",
                JdbcEventLog::event, itemId, Math.max(0, offset), Math.max(0, limit));
    }

    @Override
    public java.util.Optional<CirculationEvent> lastForItem(long itemId) {
        return sql.list("SELECT " + COLS + " FROM event_log WHERE item_id = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                JdbcEventLog::event, itemId).stream().findFirst();
    }

    private static CirculationEvent event(ResultSet rs) throws SQLException {
        return new CirculationEvent(rs.getLong("id"), Sql.instant(rs, "at"), Sql.enumOf(EventType.class, rs, "event_type"),
                rs.getString("actor"), Sql.enumOf(Channel.class, rs, "channel"), rs.getString("terminal"), rs.getString("library"),
                Sql.nullableLong(rs, "patron_id"), Sql.nullableLong(rs, "item_id"), rs.getString("detail"));
    }
}
