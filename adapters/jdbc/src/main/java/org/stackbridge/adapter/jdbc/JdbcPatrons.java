package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.LostCard;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.model.PatronSearch;
import org.stackbridge.core.port.Patrons;

final class JdbcPatrons implements Patrons {

    private static final String COLS = "id, barcode, pin_hash, name, category, email, phone, address, expires, home_library, card_lost,"
            + " birth_date, notice_preference, language";
    private static final String BLOCK_COLS = "id, patron_id, source, blocks_borrow, blocks_renew, blocks_request, reason, created_at, expires_at,"
            + " block_type, note, placed_by";
    private static final int MAX_KEY = 255;
    private static final int MAX_PHONE_KEY = 64;

    private final Sql sql;
    /** Patrons read in the current unit: a checkout looks its patron up twice. */
    private final UnitMemo memo = new UnitMemo();

    JdbcPatrons(Sql sql) {
        this.sql = sql;
    }

    /** Forgets what was read; called when a unit of work starts or is rolled back. */
    void forget() {
        memo.forget();
    }

    @Override
    public Optional<Patron> byBarcode(String barcode) {
        return memo.one("barcode " + barcode,
                () -> sql.one("SELECT " + COLS + " FROM patron WHERE barcode = ?" + sql.forUpdate(), JdbcPatrons::patron, barcode));
    }

    @Override
    public Optional<Patron> byId(long id) {
        return memo.one(id, () -> sql.one("SELECT " + COLS + " FROM patron WHERE id = ?" + sql.forUpdate(), JdbcPatrons::patron, id));
    }

    @Override
    public Patron insert(Patron p) {
        memo.forget();
        long id = sql.insert("INSERT INTO patron (barcode, pin_hash, name, category, email, phone, address, expires, home_library, card_lost,"
                + " birth_date, notice_preference, language, name_key, email_key, phone_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.barcode(), p.pinHash(), p.name(), p.category(), p.email(), p.phone(), p.address(), p.expires(), p.homeLibrary(), p.cardLost(),
                p.birthDate(), p.noticePreference(), p.language(), nameKey(p), emailKey(p), phoneKey(p));
        return p.withId(id);
    }

    @Override
    public void update(Patron p) {
        memo.forget();
        sql.updateOne("patron " + p.id(), "UPDATE patron SET barcode = ?, pin_hash = ?, name = ?, category = ?, email = ?, phone = ?,"
                + " address = ?, expires = ?, home_library = ?, card_lost = ?, birth_date = ?, notice_preference = ?, language = ?,"
                + " name_key = ?, email_key = ?, phone_key = ? WHERE id = ?",
                p.barcode(), p.pinHash(), p.name(), p.category(), p.email(), p.phone(), p.address(), p.expires(), p.homeLibrary(),
                p.cardLost(), p.birthDate(), p.noticePreference(), p.language(), nameKey(p), emailKey(p), phoneKey(p), p.id());
    }

    @Override
    public List<Patron> page(long afterId, int limit) {
        return sql.list("SELECT " + COLS + " FROM patron WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY", JdbcPatrons::patron,
                afterId, Math.max(0, limit));
    }

    /**
     * Each criterion is an indexed equality or prefix ({@code LIKE 'x%'}) on the barcode or a folded key; {@code q} is an
     * OR of them. Values are escaped for LIKE.
     */
    @Override
    public List<Patron> search(PatronSearch s, int offset, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        if (s.barcode() != null) {
            where.append(" AND barcode = ?");
            args.add(s.barcode());
        }
        if (s.name() != null) {
            where.append(" AND name_key LIKE ? ESCAPE '!'");
            args.add(prefix(PatronSearch.fold(s.name())));
        }
        if (s.email() != null) {
            where.append(" AND email_key LIKE ? ESCAPE '!'");
            args.add(prefix(PatronSearch.fold(s.email())));
        }
        if (s.phone() != null) {
            where.append(" AND phone_key LIKE ? ESCAPE '!'");
            args.add(prefix(PatronSearch.digits(s.phone())));
        }
        if (s.q() != null) {
            where.append(" AND (barcode = ? OR name_key LIKE ? ESCAPE '!' OR email_key LIKE ? ESCAPE '!'");
            args.add(s.q());
            args.add(prefix(PatronSearch.fold(s.q())));
            args.add(prefix(PatronSearch.fold(s.q())));
            String digits = PatronSearch.phoneDigits(s.q());
            if (digits != null) {
                where.append(" OR phone_key LIKE ? ESCAPE '!'");
                args.add(prefix(digits));
            }
            where.append(')');
        }
        args.add(Math.max(0, offset));
        args.add(Math.max(0, limit));
        return sql.list("SELECT " + COLS + " FROM patron WHERE " + where + " ORDER BY name_key, id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY",
                JdbcPatrons::patron, args.toArray());
    }

    @Override
    public Optional<LostCard> lostCard(String barcode) {
        return sql.one("SELECT barcode, patron_id, replaced_at FROM patron_lost_card WHERE barcode = ?",
                rs -> new LostCard(rs.getString("barcode"), rs.getLong("patron_id"), Sql.instant(rs, "replaced_at")), barcode);
    }

    @Override
    public void addLostCard(LostCard card) {
        sql.update("INSERT INTO patron_lost_card (barcode, patron_id, replaced_at) VALUES (?, ?, ?)",
                card.barcode(), card.patronId(), card.replacedAt());
    }

    @Override
    public void removeLostCards(long patronId) {
        sql.update("DELETE FROM patron_lost_card WHERE patron_id = ?", patronId);
    }

    @Override
    public List<PatronBlock> blocks(long patronId) {
        return sql.list("SELECT " + BLOCK_COLS + " FROM patron_block WHERE patron_id = ? ORDER BY id", JdbcPatrons::block, patronId);
    }

    @Override
    public PatronBlock addBlock(PatronBlock b) {
        long id = sql.insert("INSERT INTO patron_block (patron_id, source, blocks_borrow, blocks_renew, blocks_request, reason, created_at, expires_at,"
                + " block_type, note, placed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.patronId(), b.source(), b.borrow(), b.renew(), b.request(), b.reason(), b.created(), b.expires(), b.type(), b.note(),
                b.placedBy());
        return b.withId(id);
    }

    @Override
    public void removeBlock(long blockId) {
        sql.update("DELETE FROM patron_block WHERE id = ?", blockId);
    }

    static Patron patron(ResultSet rs) throws SQLException {
        return new Patron(rs.getLong("id"), rs.getString("barcode"), rs.getString("pin_hash"), rs.getString("name"),
                rs.getString("category"), rs.getString("email"), rs.getString("phone"), rs.getString("address"),
                Sql.date(rs, "expires"), rs.getString("home_library"), rs.getBoolean("card_lost"), Sql.date(rs, "birth_date"),
                Sql.enumOf(NoticePreference.class, rs, "notice_preference"), rs.getString("language"));
    }

    private static PatronBlock block(ResultSet rs) throws SQLException {
        return new PatronBlock(rs.getLong("id"), rs.getLong("patron_id"), rs.getString("source"), rs.getBoolean("blocks_borrow"),
                rs.getBoolean("blocks_renew"), rs.getBoolean("blocks_request"), rs.getString("reason"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.enumOf(BlockType.class, rs, "block_type"),
                rs.getString("note"), rs.getString("placed_by"));
    }

    private static String nameKey(Patron p) {
        return cut(PatronSearch.fold(p.name()), MAX_KEY);
    }

    private static String emailKey(Patron p) {
        return cut(PatronSearch.fold(p.email()), MAX_KEY);
    }

    private static String phoneKey(Patron p) {
        String d = PatronSearch.digits(p.phone());
        return d == null || d.isEmpty() ? null : cut(d, MAX_PHONE_KEY);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A LIKE pattern matching values that start with {@code value} ({@code !} escapes the wildcards). */
    private static String prefix(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
