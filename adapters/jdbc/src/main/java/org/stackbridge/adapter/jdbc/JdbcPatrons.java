package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.port.Patrons;

final class JdbcPatrons implements Patrons {

    private static final String COLS = "id, barcode, pin_hash, name, category, email, phone, address, expires, home_library, card_lost";
    private static final String BLOCK_COLS = "id, patron_id, source, blocks_borrow, blocks_renew, blocks_request, reason, created_at, expires_at";

    private final Sql sql;

    JdbcPatrons(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Patron> byBarcode(String barcode) {
        return sql.one("SELECT " + COLS + " FROM patron WHERE barcode = ?" + sql.forUpdate(), JdbcPatrons::patron, barcode);
    }

    @Override
    public Optional<Patron> byId(long id) {
        return sql.one("SELECT " + COLS + " FROM patron WHERE id = ?" + sql.forUpdate(), JdbcPatrons::patron, id);
    }

    @Override
    public Patron insert(Patron p) {
        long id = sql.insert("INSERT INTO patron (barcode, pin_hash, name, category, email, phone, address, expires, home_library, card_lost)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.barcode(), p.pinHash(), p.name(), p.category(), p.email(), p.phone(), p.address(), p.expires(), p.homeLibrary(), p.cardLost());
        return p.withId(id);
    }

    @Override
    public void update(Patron p) {
        sql.updateOne("patron " + p.id(), "UPDATE patron SET barcode = ?, pin_hash = ?, name = ?, category = ?, email = ?, phone = ?,"
                + " address = ?, expires = ?, home_library = ?, card_lost = ? WHERE id = ?",
                p.barcode(), p.pinHash(), p.name(), p.category(), p.email(), p.phone(), p.address(), p.expires(), p.homeLibrary(),
                p.cardLost(), p.id());
    }

    @Override
    public List<Patron> page(long afterId, int limit) {
        return sql.list("SELECT " + COLS + " FROM patron WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY", JdbcPatrons::patron,
                afterId, Math.max(0, limit));
    }

    @Override
    public List<PatronBlock> blocks(long patronId) {
        return sql.list("SELECT " + BLOCK_COLS + " FROM patron_block WHERE patron_id = ? ORDER BY id", JdbcPatrons::block, patronId);
    }

    @Override
    public PatronBlock addBlock(PatronBlock b) {
        long id = sql.insert("INSERT INTO patron_block (patron_id, source, blocks_borrow, blocks_renew, blocks_request, reason, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                b.patronId(), b.source(), b.borrow(), b.renew(), b.request(), b.reason(), b.created(), b.expires());
        return b.withId(id);
    }

    @Override
    public void removeBlock(long blockId) {
        sql.update("DELETE FROM patron_block WHERE id = ?", blockId);
    }

    static Patron patron(ResultSet rs) throws SQLException {
        return new Patron(rs.getLong("id"), rs.getString("barcode"), rs.getString("pin_hash"), rs.getString("name"),
                rs.getString("category"), rs.getString("email"), rs.getString("phone"), rs.getString("address"),
                Sql.date(rs, "expires"), rs.getString("home_library"), rs.getBoolean("card_lost"));
    }

    private static PatronBlock block(ResultSet rs) throws SQLException {
        return new PatronBlock(rs.getLong("id"), rs.getLong("patron_id"), rs.getString("source"), rs.getBoolean("blocks_borrow"),
                rs.getBoolean("blocks_renew"), rs.getBoolean("blocks_request"), rs.getString("reason"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"));
    }
}
