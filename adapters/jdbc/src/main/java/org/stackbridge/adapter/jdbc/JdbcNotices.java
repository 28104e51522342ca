package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.notice.NoticeChannel;
import org.stackbridge.core.notice.NoticeState;
import org.stackbridge.core.notice.NoticeType;
import org.stackbridge.core.port.Notices;

/** The notice outbox ({@code notice}, {@code notice_batch}, V17) and the reads notices are made of. */
final class JdbcNotices implements Notices {

    private static final String PATRON_COLS = "p.id AS p_id, p.barcode AS p_barcode, p.name AS p_name, p.email AS p_email,"
            + " p.address AS p_address, p.notice_preference AS p_pref, p.language AS p_lang, p.home_library AS p_home";
    private static final String NOTICE_COLS = "n.id, n.notice_key, n.notice_type, n.patron_id, p.barcode AS p_barcode,"
            + " p.name AS p_name, p.address AS p_address, n.subject_ref, n.library, n.channel, n.recipient, n.message_id,"
            + " n.subject, n.body_text, n.body_html, n.state, n.attempts, n.created_at, n.next_attempt_at, n.sent_at,"
            + " n.last_error, n.batch_id";

    private final Sql sql;

    JdbcNotices(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<LoanFact> openLoansDueBefore(Instant before, long afterId, int limit) {
        return sql.list("SELECT l.id, l.library, l.due_at, i.barcode AS i_barcode, b.title, i.item_type, p.category, " + PATRON_COLS
                + " FROM loan l JOIN patron p ON p.id = l.patron_id JOIN item i ON i.id = l.item_id LEFT JOIN bib b ON b.id = i.bib_id"
                // an item billed as lost keeps its loan open, but its patron gets the bill, not reminders (as in Koha)
                + " WHERE l.returned_at IS NULL AND l.due_at < ? AND i.status <> 'LOST' AND l.id > ? ORDER BY l.id FETCH FIRST ? ROWS ONLY",
                rs -> new LoanFact(rs.getLong("id"), recipient(rs), rs.getString("library"), Sql.instant(rs, "due_at"),
                        rs.getString("i_barcode"), rs.getString("title"), rs.getString("category"), rs.getString("item_type")),
                before, afterId, limit);
    }

    @Override
    public List<HoldFact> holdsOnShelf(long afterId, int limit) {
        return sql.list("SELECT h.id, h.pickup_library, h.shelf_expires_on, i.barcode AS i_barcode, b.title,"
                + " CASE WHEN EXISTS (SELECT 1 FROM ill_request r WHERE r.item_id = h.trapped_item_id AND r.role = 'BORROWING')"
                + " THEN 1 ELSE 0 END AS ill, " + PATRON_COLS
                + " FROM hold h JOIN patron p ON p.id = h.patron_id LEFT JOIN item i ON i.id = h.trapped_item_id"
                + " LEFT JOIN bib b ON b.id = h.bib_id"
                + " WHERE h.status = 'READY' AND h.id > ? ORDER BY h.id FETCH FIRST ? ROWS ONLY",
                rs -> new HoldFact(rs.getLong("id"), recipient(rs), rs.getString("pickup_library"), Sql.date(rs, "shelf_expires_on"),
                        rs.getString("i_barcode"), rs.getString("title"), rs.getInt("ill") == 1),
                afterId, limit);
    }

    @Override
    public List<FeeFact> feesSince(Instant since, long afterId, int limit) {
        return sql.list("SELECT f.id, f.fee_type, f.amount, f.currency, f.description, f.created_at, i.barcode AS i_barcode,"
                + " b.title, " + PATRON_COLS
                + " FROM fee f JOIN patron p ON p.id = f.patron_id LEFT JOIN item i ON i.id = f.item_id"
                + " LEFT JOIN bib b ON b.id = i.bib_id"
                + " WHERE f.created_at >= ? AND f.id > ? ORDER BY f.id FETCH FIRST ? ROWS ONLY",
                rs -> new FeeFact(rs.getLong("id"), recipient(rs), Sql.enumOf(FeeType.class, rs, "fee_type"),
                        new Money(rs.getBigDecimal("amount"), java.util.Currency.getInstance(rs.getString("currency"))),
                        rs.getString("description"), rs.getString("i_barcode"), rs.getString("title"), Sql.instant(rs, "created_at")),
                since, afterId, limit);
    }

    @Override
    public List<IllFact> illArrivedSince(Instant since, long afterId, int limit) {
        return sql.list("SELECT r.id, r.pickup_library, r.title, r.updated_at, i.barcode AS i_barcode, " + PATRON_COLS
                + " FROM ill_request r JOIN patron p ON p.id = r.patron_id LEFT JOIN item i ON i.id = r.item_id"
                + " WHERE r.role = 'BORROWING' AND r.state = 'RECEIVED' AND r.updated_at >= ? AND r.id > ?"
                + " ORDER BY r.id FETCH FIRST ? ROWS ONLY",
                rs -> new IllFact(rs.getLong("id"), recipient(rs), rs.getString("pickup_library"), rs.getString("title"),
                        rs.getString("i_barcode"), Sql.instant(rs, "updated_at")),
                since, afterId, limit);
    }

    @Override
    public List<PatronFact> cardsExpiring(LocalDate from, LocalDate to, long afterId, int limit) {
        return sql.list("SELECT p.expires, " + PATRON_COLS + " FROM patron p"
                + " WHERE p.expires >= ? AND p.expires <= ? AND p.id > ? ORDER BY p.id FETCH FIRST ? ROWS ONLY",
                rs -> new PatronFact(recipient(rs), Sql.date(rs, "expires")), from, to, afterId, limit);
    }

    @Override
    public Set<String> recorded(Collection<String> keys) {
        Set<String> out = new HashSet<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 200) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 200));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            out.addAll(sql.list("SELECT notice_key FROM notice WHERE notice_key IN (" + marks + ")", rs -> rs.getString(1),
                    chunk.toArray()));
        }
        return out;
    }

    @Override
    public boolean record(NewNotice n) {
        if (sql.count("SELECT COUNT(*) FROM notice WHERE notice_key = ?", n.key()) > 0) {
            return false;
        }
        // a second node recording the same key at once gets a unique violation (StoreConflictException): the runner
        // retries the unit, which then finds the key recorded
        sql.update("INSERT INTO notice (notice_key, notice_type, patron_id, subject_ref, library, channel, recipient,"
                + " message_id, subject, body_text, body_html, state, attempts, created_at, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                n.key(), n.type(), n.patronId(), n.subjectRef(), n.library(), n.channel(), n.recipient(), n.messageId(),
                n.subject(), n.text(), n.html(), n.createdAt(), n.createdAt());
        return true;
    }

    @Override
    public Set<String> recordAll(List<NewNotice> notices) {
        Set<String> known = recorded(notices.stream().map(NewNotice::key).toList());
        Set<String> fresh = new java.util.LinkedHashSet<>();
        List<Object[]> rows = new ArrayList<>();
        for (NewNotice n : notices) {
            if (!known.contains(n.key()) && fresh.add(n.key())) {
                rows.add(new Object[] {n.key(), n.type(), n.patronId(), n.subjectRef(), n.library(), n.channel(), n.recipient(),
                        n.messageId(), n.subject(), n.text(), n.html(), n.createdAt(), n.createdAt()});
            }
        }
        // a second node recording one of these keys at once gets a unique violation (StoreConflictException): the
        // runner retries the unit, which then finds the key recorded
        sql.batch("INSERT INTO notice (notice_key, notice_type, patron_id, subject_ref, library, channel, recipient,"
                + " message_id, subject, body_text, body_html, state, attempts, created_at, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)", rows);
        return fresh;
    }

    @Override
    public List<NoticeRecord> claimNext(NoticeChannel channel, String node, Instant now, Instant until, long afterId, int partition,
                                        int partitions, int limit) {
        List<Long> ids = sql.list("SELECT n.id FROM notice n WHERE n.state = 'PENDING' AND n.channel = ? AND n.next_attempt_at <= ?"
                + " AND (n.claimed_until IS NULL OR n.claimed_until < ?) AND n.id > ? AND MOD(n.id, ?) = ?"
                + " ORDER BY n.id FETCH FIRST ? ROWS ONLY", rs -> rs.getLong(1), channel, now, now, afterId, partitions, partition, limit);
        List<Long> mine = new ArrayList<>();
        for (long id : ids) {
            // the same conditions again: a row another node claimed (or sent) since the read is not ours
            if (sql.update("UPDATE notice SET claimed_by = ?, claimed_until = ? WHERE id = ? AND state = 'PENDING'"
                    + " AND (claimed_until IS NULL OR claimed_until < ?)", node, until, id, now) == 1) {
                mine.add(id);
            }
        }
        if (mine.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(mine.size(), "?"));
        return sql.list("SELECT " + NOTICE_COLS + " FROM notice n JOIN patron p ON p.id = n.patron_id WHERE n.id IN (" + marks + ")"
                + " ORDER BY n.id", JdbcNotices::notice, mine.toArray());
    }

    @Override
    public List<NoticeRecord> deliverable(NoticeChannel channel, Instant now, long afterId, int limit) {
        return sql.list("SELECT " + NOTICE_COLS + " FROM notice n JOIN patron p ON p.id = n.patron_id"
                + " WHERE n.state = 'PENDING' AND n.channel = ? AND n.next_attempt_at <= ?"
                + " AND (n.claimed_until IS NULL OR n.claimed_until < ?) AND n.id > ? ORDER BY n.id FETCH FIRST ? ROWS ONLY",
                JdbcNotices::notice, channel, now, now, afterId, limit);
    }

    @Override
    public boolean claim(long id, String node, Instant now, Instant until) {
        return sql.update("UPDATE notice SET claimed_by = ?, claimed_until = ? WHERE id = ? AND state = 'PENDING'"
                + " AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)", node, until, id, now, node) == 1;
    }

    @Override
    public void unclaim(long id) {
        sql.update("UPDATE notice SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND state = 'PENDING'", id);
    }

    @Override
    public void sent(long id, Instant at, Long batchId) {
        sql.updateOne("notice " + id, "UPDATE notice SET state = 'SENT', sent_at = ?, attempts = attempts + 1, batch_id = ?,"
                + " claimed_until = NULL, last_error = NULL WHERE id = ?", at, batchId, id);
    }

    @Override
    public void failed(long id, int attempts, Instant next, String error) {
        String e = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        if (next == null) {
            sql.updateOne("notice " + id, "UPDATE notice SET state = 'FAILED', attempts = ?, last_error = ?, claimed_until = NULL"
                    + " WHERE id = ?", attempts, e, id);
        } else {
            sql.updateOne("notice " + id, "UPDATE notice SET attempts = ?, next_attempt_at = ?, last_error = ?, claimed_until = NULL"
                    + " WHERE id = ?", attempts, next, e, id);
        }
    }

    @Override
    public Page list(Filter f, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.patronBarcode() != null) {
            where.append(" AND p.barcode = ?");
            args.add(f.patronBarcode());
        }
        if (f.type() != null) {
            where.append(" AND n.notice_type = ?");
            args.add(f.type());
        }
        if (f.state() != null) {
            where.append(" AND n.state = ?");
            args.add(f.state());
        }
        if (f.channel() != null) {
            where.append(" AND n.channel = ?");
            args.add(f.channel());
        }
        if (f.from() != null) {
            where.append(" AND n.created_at >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            where.append(" AND n.created_at < ?");
            args.add(f.to());
        }
        long total = sql.count("SELECT COUNT(*) FROM notice n JOIN patron p ON p.id = n.patron_id" + where, args.toArray());
        List<Object> page = new ArrayList<>(args);
        page.add(offset);
        page.add(limit);
        List<NoticeRecord> rows = sql.list("SELECT " + NOTICE_COLS + " FROM notice n JOIN patron p ON p.id = n.patron_id" + where
                + " ORDER BY n.id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY", JdbcNotices::notice, page.toArray());
        return new Page(rows, total);
    }

    @Override
    public long saveBatch(Instant at, int notices, byte[] pdf) {
        return sql.insert("INSERT INTO notice_batch (created_at, notices, pdf) VALUES (?, ?, ?)", at, notices, pdf);
    }

    @Override
    public Optional<PrintBatch> batch(Long id) {
        Sql.Row<PrintBatch> row = rs -> new PrintBatch(rs.getLong("id"), Sql.instant(rs, "created_at"), rs.getInt("notices"),
                rs.getBytes("pdf"));
        return id == null
                ? sql.one("SELECT id, created_at, notices, pdf FROM notice_batch ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", row)
                : sql.one("SELECT id, created_at, notices, pdf FROM notice_batch WHERE id = ?", row, id);
    }

    private static Recipient recipient(ResultSet rs) throws SQLException {
        String pref = rs.getString("p_pref");
        return new Recipient(rs.getLong("p_id"), rs.getString("p_barcode"), rs.getString("p_name"), rs.getString("p_email"),
                rs.getString("p_address"), pref == null ? null : NoticePreference.valueOf(pref), rs.getString("p_lang"),
                rs.getString("p_home"));
    }

    private static NoticeRecord notice(ResultSet rs) throws SQLException {
        return new NoticeRecord(rs.getLong("id"), rs.getString("notice_key"), Sql.enumOf(NoticeType.class, rs, "notice_type"),
                rs.getLong("patron_id"), rs.getString("p_barcode"), rs.getString("p_name"), rs.getString("p_address"),
                rs.getString("subject_ref"), rs.getString("library"), Sql.enumOf(NoticeChannel.class, rs, "channel"),
                rs.getString("recipient"), rs.getString("message_id"), rs.getString("subject"), rs.getString("body_text"),
                rs.getString("body_html"), Sql.enumOf(NoticeState.class, rs, "state"), rs.getInt("attempts"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "sent_at"),
                rs.getString("last_error"), Sql.nullableLong(rs, "batch_id"));
    }
}
