package org.stackbridge.adapter.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Small JDBC helper bound to the connection of one transaction. Every failure is translated (unique
 * violation → StoreConflictException) and remembered, so the runner can tell that the unit's
 * transaction state is no longer trustworthy even if the unit swallowed the exception.
 */
final class Sql {

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private final Connection conn;
    /** Prepared statements kept open for the connection's life (the writer's); null: prepare per call. */
    private final Map<String, PreparedStatement> statements;
    private RuntimeException failure;
    /** Counts every statement this helper sends (a query, an update, a batch): the storage's statement counter. */
    private final LongAdder executed;
    /** Appended to the reads a write decision rests on: " FOR UPDATE" in a PostgreSQL writer, else empty. */
    private String lockRead = "";

    Sql(Connection conn) {
        this(conn, false);
    }

    /**
     * With {@code keepStatements} every statement stays prepared until {@link #closeStatements()}: the
     * writer runs the same few statements for every command, and re-preparing them cost more than running
     * some of them (PostgreSQL's driver also switches to server-side plans only for a reused statement).
     */
    Sql(Connection conn, boolean keepStatements) {
        this(conn, keepStatements, new LongAdder());
    }

    /** As {@link #Sql(Connection, boolean)}, adding one to {@code executed} for every statement sent. */
    Sql(Connection conn, boolean keepStatements, LongAdder executed) {
        this.conn = conn;
        this.statements = keepStatements ? new HashMap<>() : null;
        this.executed = executed;
    }

    /**
     * Makes the reads of patrons, items, holds and ILL requests lock their rows ({@code FOR UPDATE}) until the
     * transaction ends. Two writers on one PostgreSQL database (two gateways, or a CLI command beside the
     * gateway) then cannot both decide on the same row: without it, two checkins of different copies could
     * both trap the one waiting hold, the second overwriting the first (a lost update under READ COMMITTED).
     * Not for H2: one process owns an H2 file, and H2 takes the lock by writing a new row version.
     */
    Sql lockingRowsRead() {
        lockRead = " FOR UPDATE";
        return this;
    }

    /** " FOR UPDATE" where {@link #lockingRowsRead()} applies, otherwise "". */
    String forUpdate() {
        return lockRead;
    }

    /** Closes the kept statements; the connection is being returned or dropped. */
    void closeStatements() {
        if (statements == null) {
            return;
        }
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection is going away anyway
            }
        }
        statements.clear();
    }

    private PreparedStatement prepare(String sql, boolean generatedId) throws SQLException {
        if (statements == null) {
            return generatedId ? conn.prepareStatement(sql, new String[] {"id"}) : conn.prepareStatement(sql);
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = generatedId ? conn.prepareStatement(sql, new String[] {"id"}) : conn.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Closes a statement unless it is kept. */
    private void release(PreparedStatement ps) throws SQLException {
        if (statements == null) {
            ps.close();
        }
    }

    /** The transaction's connection, for work that streams (the circulation summary's rebuild). */
    Connection connection() {
        return conn;
    }

    private Boolean postgres;

    /** Whether the connection is to PostgreSQL (else H2), from the driver's metadata (no statement sent). */
    boolean isPostgres() {
        if (postgres == null) {
            try {
                postgres = conn.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            } catch (SQLException e) {
                throw fail(e, "database product name");
            }
        }
        return postgres;
    }

    /** The first database error seen since the last {@link #resetFailure()}, if any. */
    RuntimeException failure() {
        return failure;
    }

    void resetFailure() {
        failure = null;
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        try {
            PreparedStatement ps = prepare(sql, false);
            try {
                bind(ps, args);
                executed.increment();
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
                }
            } finally {
                release(ps);
            }
        } catch (SQLException e) {
            throw fail(e, sql);
        }
    }

    <T> List<T> list(String sql, Row<T> row, Object... args) {
        List<T> out = new ArrayList<>();
        forEach(sql, rs -> out.add(row.map(rs)), args);
        return out;
    }

    /** Hands each row to {@code each} without keeping it: for reads of hundreds of thousands of rows. */
    void forEach(String sql, RowAction each, Object... args) {
        try {
            PreparedStatement ps = prepare(sql, false);
            try {
                bind(ps, args);
                executed.increment();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(rs);
                    }
                }
            } finally {
                release(ps);
            }
        } catch (SQLException e) {
            throw fail(e, sql);
        }
    }

    long count(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    int update(String sql, Object... args) {
        try {
            PreparedStatement ps = prepare(sql, false);
            try {
                bind(ps, args);
                executed.increment();
                return ps.executeUpdate();
            } finally {
                release(ps);
            }
        } catch (SQLException e) {
            throw fail(e, sql);
        }
    }

    /** Runs an INSERT into a table with an identity column {@code id} and returns the new id. */
    long insert(String sql, Object... args) {
        try {
            PreparedStatement ps = prepare(sql, true);
            try {
                bind(ps, args);
                executed.increment();
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new JdbcStorageException("no generated id for: " + sql, null);
                    }
                    return keys.getLong(1);
                }
            } finally {
                release(ps);
            }
        } catch (SQLException e) {
            throw fail(e, sql);
        }
    }

    /** Runs the same statement for many argument rows in one JDBC batch. */
    void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(ps, args);
                ps.addBatch();
            }
            executed.increment();
            ps.executeBatch();
        } catch (SQLException e) {
            throw fail(e, sql);
        }
    }

    /** Requires that an UPDATE by primary key hit its row. */
    void updateOne(String what, String sql, Object... args) {
        int n = update(sql, args);
        if (n != 1) {
            RuntimeException e = new JdbcStorageException(what + " not found", null);
            failure = failure == null ? e : failure;
            throw e;
        }
    }

    private RuntimeException fail(SQLException e, String sql) {
        RuntimeException translated = SqlErrors.translate(e, firstWords(sql));
        if (failure == null) {
            failure = translated;
        }
        return translated;
    }

    private static String firstWords(String sql) {
        return sql.length() <= 60 ? sql : sql.substring(0, 60) + "...";
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int p = i + 1;
            if (a == null) {
                ps.setNull(p, Types.NULL);
            } else if (a instanceof String s) {
                ps.setString(p, s);
            } else if (a instanceof Long l) {
                ps.setLong(p, l);
            } else if (a instanceof Integer n) {
                ps.setInt(p, n);
            } else if (a instanceof Boolean b) {
                ps.setBoolean(p, b);
            } else if (a instanceof BigDecimal d) {
                ps.setBigDecimal(p, d);
            } else if (a instanceof Instant t) {
                // both databases keep microseconds; truncate so they agree instead of rounding differently
                ps.setObject(p, OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
            } else if (a instanceof LocalDate d) {
                ps.setObject(p, d);
            } else if (a instanceof byte[] bytes) {
                ps.setBytes(p, bytes);
            } else if (a instanceof Enum<?> e) {
                ps.setString(p, e.name());
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + a.getClass().getName());
            }
        }
    }

    // ------------------------------------------------------------ column readers

    static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static LocalDate date(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }

    static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, ResultSet rs, String col) throws SQLException {
        String v = rs.getString(col);
        return v == null ? null : Enum.valueOf(type, v);
    }

    /** Nullable enum parameter value. */
    static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

}
