package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.port.IllRequests;

final class JdbcIllRequests implements IllRequests {

    private static final String COLS = "id, role, state, partner_agency, external_id, patron_id, item_id, bib_id, title, pickup_library,"
            + " created_at, updated_at";

    private final Sql sql;

    JdbcIllRequests(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<IllRequest> byId(long id) {
        return sql.one("SELECT " + COLS + " FROM ill_request WHERE id = ?" + sql.forUpdate(), JdbcIllRequests::request, id);
    }

    @Override
    public Optional<IllRequest> byExternalId(String partnerAgency, String externalId, IllRole role) {
        return sql.one("SELECT " + COLS + " FROM ill_request WHERE partner_agency = ? AND external_id = ? AND role = ?" + sql.forUpdate(),
                JdbcIllRequests::request, partnerAgency, externalId, role);
    }

    @Override
    public IllRequest insert(IllRequest r) {
        long id = sql.insert("INSERT INTO ill_request (role, state, partner_agency, external_id, patron_id, item_id, bib_id, title,"
                + " pickup_library, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.role(), r.state(), r.partnerAgency(), r.externalId(), r.patronId(), r.itemId(), r.bibId(), r.title(), r.pickupLibrary(),
                r.createdAt(), r.updatedAt());
        return r.withId(id);
    }

    @Override
    public void update(IllRequest r) {
        sql.updateOne("ILL request " + r.id(), "UPDATE ill_request SET role = ?, state = ?, partner_agency = ?, external_id = ?, patron_id = ?,"
                + " item_id = ?, bib_id = ?, title = ?, pickup_library = ?, created_at = ?, updated_at = ? WHERE id = ?",
                r.role(), r.state(), r.partnerAgency(), r.externalId(), r.patronId(), r.itemId(), r.bibId(), r.title(), r.pickupLibrary(),
                r.createdAt(), r.updatedAt(), r.id());
    }

    /** Indexed (ix_ill_request_item): every checkin of a lent item asks this. */
    @Override
    public List<IllRequest> forItem(long itemId, IllRole role) {
        return sql.list("SELECT " + COLS + " FROM ill_request WHERE item_id = ? AND role = ? ORDER BY id DESC" + sql.forUpdate(), JdbcIllRequests::request,
                itemId, role);
    }

    @Override
    public List<IllRequest> page(long afterId, int limit) {
        return sql.list("SELECT " + COLS + " FROM ill_request WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY", JdbcIllRequests::request,
                afterId, Math.max(0, limit));
    }

    private static IllRequest request(ResultSet rs) throws SQLException {
        return new IllRequest(rs.getLong("id"), Sql.enumOf(IllRole.class, rs, "role"), Sql.enumOf(IllState.class, rs, "state"),
                rs.getString("partner_agency"), rs.getString("external_id"), Sql.nullableLong(rs, "patron_id"),
                Sql.nullableLong(rs, "item_id"), Sql.nullableLong(rs, "bib_id"), rs.getString("title"), rs.getString("pickup_library"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
