package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.port.Items;

final class JdbcItems implements Items {

    private static final String COLS = "id, barcode, bib_id, item_type, home_library, current_library, location, call_number, price,"
            + " status, in_transit_to, ill_request_id";

    private final Sql sql;
    /** Items read in the current unit: a checkout or checkin looks its item up two or three times. */
    private final UnitMemo memo = new UnitMemo();

    JdbcItems(Sql sql) {
        this.sql = sql;
    }

    /** Forgets what was read; called when a unit of work starts or is rolled back. */
    void forget() {
        memo.forget();
    }

    @Override
    public Optional<Item> byBarcode(String barcode) {
        return memo.one("barcode " + barcode,
                () -> sql.one("SELECT " + COLS + " FROM item WHERE barcode = ?" + sql.forUpdate(), JdbcItems::item, barcode));
    }

    @Override
    public Optional<Item> byId(long id) {
        return memo.one(id, () -> sql.one("SELECT " + COLS + " FROM item WHERE id = ?" + sql.forUpdate(), JdbcItems::item, id));
    }

    @Override
    public List<Item> byBib(long bibId) {
        return sql.list("SELECT " + COLS + " FROM item WHERE bib_id = ? ORDER BY id", JdbcItems::item, bibId);
    }

    @Override
    public Item insert(Item i) {
        memo.forget();
        long id = sql.insert("INSERT INTO item (barcode, bib_id, item_type, home_library, current_library, location, call_number, price,"
                + " status, in_transit_to, ill_request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                i.barcode(), i.bibId(), i.itemType(), i.homeLibrary(), i.currentLibrary(), i.location(), i.callNumber(), i.price(),
                i.status(), i.inTransitTo(), i.illRequestId());
        return i.withId(id);
    }

    @Override
    public void update(Item i) {
        memo.forget();
        sql.updateOne("item " + i.id(), "UPDATE item SET barcode = ?, bib_id = ?, item_type = ?, home_library = ?, current_library = ?,"
                + " location = ?, call_number = ?, price = ?, status = ?, in_transit_to = ?, ill_request_id = ? WHERE id = ?",
                i.barcode(), i.bibId(), i.itemType(), i.homeLibrary(), i.currentLibrary(), i.location(), i.callNumber(), i.price(),
                i.status(), i.inTransitTo(), i.illRequestId(), i.id());
    }

    @Override
    public void delete(long itemId) {
        memo.forget();
        sql.update("DELETE FROM item WHERE id = ?", itemId);
    }

    @Override
    public List<Item> page(long afterId, int limit) {
        return sql.list("SELECT " + COLS + " FROM item WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY", JdbcItems::item,
                afterId, Math.max(0, limit));
    }

    @Override
    public List<Item> withStatus(ItemStatus status, long afterId, int limit) {
        return sql.list("SELECT " + COLS + " FROM item WHERE status = ? AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY", JdbcItems::item,
                status, afterId, Math.max(0, limit));
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(rs.getLong("id"), rs.getString("barcode"), rs.getLong("bib_id"), rs.getString("item_type"),
                rs.getString("home_library"), rs.getString("current_library"), rs.getString("location"), rs.getString("call_number"),
                rs.getBigDecimal("price"), Sql.enumOf(ItemStatus.class, rs, "status"), rs.getString("in_transit_to"),
                Sql.nullableLong(rs, "ill_request_id"));
    }
}
