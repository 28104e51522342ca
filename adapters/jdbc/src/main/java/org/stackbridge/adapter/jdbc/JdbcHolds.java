package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.port.Holds;

final class JdbcHolds implements Holds {

    private static final String COLS = "id, patron_id, bib_id, item_id, pickup_library, placed_at, expires_on, status, trapped_item_id,"
            + " shelf_expires_on, ill_request_id, suspended, suspended_until";
    /** HoldStatus.isOpen(), as SQL. */
    private static final String OPEN = "status IN ('WAITING', 'IN_TRANSIT', 'READY')";

    private final Sql sql;
    private final UnitMemo memo = new UnitMemo();

    JdbcHolds(Sql sql) {
        this.sql = sql;
    }

    void forget() {
        memo.forget();
    }

    @Override
    public Optional<Hold> byId(long id) {
        return sql.one("SELECT " + COLS + " FROM hold WHERE id = ?" + sql.forUpdate(), JdbcHolds::hold, id);
    }

    @Override
    public List<Hold> openForBib(long bibId) {
        return memo.list("bib " + bibId,
                () -> sql.list("SELECT " + COLS + " FROM hold WHERE bib_id = ? AND " + OPEN + " ORDER BY placed_at, id" + sql.forUpdate(), JdbcHolds::hold, bibId));
    }

    @Override
    public List<Hold> openForPatron(long patronId) {
        return memo.list("patron " + patronId,
                () -> sql.list("SELECT " + COLS + " FROM hold WHERE patron_id = ? AND " + OPEN + " ORDER BY placed_at, id" + sql.forUpdate(), JdbcHolds::hold, patronId));
    }

    @Override
    public Optional<Hold> openTrappingItem(long itemId) {
        return memo.one("trap " + itemId,
                () -> sql.list("SELECT " + COLS + " FROM hold WHERE trapped_item_id = ? AND " + OPEN + " ORDER BY id FETCH FIRST 1 ROWS ONLY" + sql.forUpdate(),
                        JdbcHolds::hold, itemId).stream().findFirst());
    }

    @Override
    public List<Hold> openPage(long afterId, int limit) {
        return sql.list("SELECT " + COLS + " FROM hold WHERE id > ? AND " + OPEN + " ORDER BY id FETCH FIRST ? ROWS ONLY", JdbcHolds::hold,
                afterId, Math.max(0, limit));
    }

    @Override
    public Optional<Hold> lastTrapping(long itemId) {
        return sql.list("SELECT " + COLS + " FROM hold WHERE trapped_item_id = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", JdbcHolds::hold,
                itemId).stream().findFirst();
    }

    @Override
    public Hold insert(Hold h) {
        memo.forget();
        long id = sql.insert("INSERT INTO hold (patron_id, bib_id, item_id, pickup_library, placed_at, expires_on, status, trapped_item_id,"
                + " shelf_expires_on, ill_request_id, suspended, suspended_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                h.patronId(), h.bibId(), h.itemId(), h.pickupLibrary(), h.placedAt(), h.expiresOn(), h.status(), h.trappedItemId(),
                h.shelfExpiresOn(), h.illRequestId(), h.suspended(), h.suspendedUntil());
        return h.withId(id);
    }

    @Override
    public void update(Hold h) {
        memo.forget();
        sql.updateOne("hold " + h.id(), "UPDATE hold SET patron_id = ?, bib_id = ?, item_id = ?, pickup_library = ?, placed_at = ?,"
                + " expires_on = ?, status = ?, trapped_item_id = ?, shelf_expires_on = ?, ill_request_id = ?, suspended = ?,"
                + " suspended_until = ? WHERE id = ?",
                h.patronId(), h.bibId(), h.itemId(), h.pickupLibrary(), h.placedAt(), h.expiresOn(), h.status(), h.trappedItemId(),
                h.shelfExpiresOn(), h.illRequestId(), h.suspended(), h.suspendedUntil(), h.id());
    }

    private static Hold hold(ResultSet rs) throws SQLException {
        return new Hold(rs.getLong("id"), rs.getLong("patron_id"), rs.getLong("bib_id"), Sql.nullableLong(rs, "item_id"),
                rs.getString("pickup_library"), Sql.instant(rs, "placed_at"), Sql.date(rs, "expires_on"),
                Sql.enumOf(HoldStatus.class, rs, "status"), Sql.nullableLong(rs, "trapped_item_id"), Sql.date(rs, "shelf_expires_on"),
                Sql.nullableLong(rs, "ill_request_id"), rs.getBoolean("suspended"), Sql.date(rs, "suspended_until"));
    }
}
