package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.port.Bibs;

final class JdbcBibs implements Bibs {

    private static final String COLS = "id, control_number, title, author, isbn, publisher, pub_year, marc";

    private final Sql sql;

    JdbcBibs(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<BibRecord> byId(long id) {
        return sql.one("SELECT " + COLS + " FROM bib WHERE id = ?", JdbcBibs::bib, id);
    }

    @Override
    public Optional<BibRecord> headingById(long id) {
        return sql.one("SELECT id, control_number, title, author, isbn, publisher, pub_year FROM bib WHERE id = ?", JdbcBibs::heading, id);
    }

    @Override
    public Optional<BibRecord> byControlNumber(String controlNumber) {
        return sql.one("SELECT " + COLS + " FROM bib WHERE control_number = ?", JdbcBibs::bib, controlNumber);
    }

    @Override
    public List<BibRecord> byIdentifier(BibIdentifier id) {
        if (id.type() == BibIdentifier.Type.LOCAL) {
            return byControlNumber(id.value()).map(List::of).orElse(List.of());
        }
        return sql.list("SELECT b.id, b.control_number, b.title, b.author, b.isbn, b.publisher, b.pub_year, b.marc FROM bib b"
                + " JOIN bib_identifier i ON i.bib_id = b.id WHERE i.id_type = ? AND i.id_value = ? ORDER BY b.id", JdbcBibs::bib,
                id.type().name(), id.value());
    }

    @Override
    public BibRecord insert(BibRecord b) {
        long id = sql.insert("INSERT INTO bib (control_number, title, author, isbn, publisher, pub_year, marc) VALUES (?, ?, ?, ?, ?, ?, ?)",
                b.controlNumber(), b.title(), b.author(), b.isbn(), b.publisher(), b.year(), b.marc());
        BibRecord stored = b.withId(id);
        indexIdentifiers(sql, stored);
        return stored;
    }

    @Override
    public void update(BibRecord b) {
        sql.updateOne("bib " + b.id(), "UPDATE bib SET control_number = ?, title = ?, author = ?, isbn = ?, publisher = ?, pub_year = ?,"
                + " marc = ? WHERE id = ?", b.controlNumber(), b.title(), b.author(), b.isbn(), b.publisher(), b.year(), b.marc(), b.id());
        sql.update("DELETE FROM bib_identifier WHERE bib_id = ?", b.id());
        indexIdentifiers(sql, b);
    }

    /** Rows of the bib_identifier index for a stored bib (also used by the back-fill migration's logic). */
    static void indexIdentifiers(Sql sql, BibRecord b) {
        for (BibIdentifier id : BibIdentifier.of(b)) {
            sql.update("INSERT INTO bib_identifier (bib_id, id_type, id_value) VALUES (?, ?, ?)", b.id(), id.type().name(), id.value());
        }
    }

    @Override
    public List<BibRecord> page(long afterId, int limit) {
        return sql.list("SELECT " + COLS + " FROM bib WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY", JdbcBibs::bib,
                afterId, Math.max(0, limit));
    }

    @Override
    public long count() {
        return sql.count("SELECT COUNT(*) FROM bib");
    }

    private static BibRecord heading(ResultSet rs) throws SQLException {
        return new BibRecord(rs.getLong("id"), rs.getString("control_number"), rs.getString("title"), rs.getString("author"),
                rs.getString("isbn"), rs.getString("publisher"), rs.getString("pub_year"), null);
    }

    private static BibRecord bib(ResultSet rs) throws SQLException {
        return new BibRecord(rs.getLong("id"), rs.getString("control_number"), rs.getString("title"), rs.getString("author"),
                rs.getString("isbn"), rs.getString("publisher"), rs.getString("pub_year"), rs.getBytes("marc"));
    }
}
