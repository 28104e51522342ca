package org.stackbridge.adapter.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.stackbridge.core.port.StoreConflictException;

/** Maps vendor errors onto the storage exceptions the runner and the engine understand. */
final class SqlErrors {

    private SqlErrors() {
    }

    static RuntimeException translate(SQLException e, String what) {
        String state = stateOf(e);
        if (isUniqueViolation(state)) {
            return new StoreConflictException(what + ": " + e.getMessage(), e);
        }
        if (isTransient(state, e.getErrorCode())) {
            return new TransientStorageException(what + ": " + e.getMessage(), e);
        }
        return new JdbcStorageException(what + ": " + e.getMessage(), e);
    }

    /** 23505 on both databases; H2 also reports 23001 in some compatibility paths. */
    static boolean isUniqueViolation(String state) {
        return "23505".equals(state) || "23001".equals(state);
    }

    /**
     * 40001 serialization failure / H2 deadlock, 40P01 PostgreSQL deadlock, 55P03 lock not available,
     * HYT00 H2 lock timeout; H2 error 90131 is a concurrent update of the same row.
     */
    static boolean isTransient(String state, int vendorCode) {
        return "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state) || "HYT00".equals(state)
                || vendorCode == 90131 || vendorCode == 50200;
    }

    /**
     * A failure meaning the database cannot be reached (as opposed to a failure of the work): no connection in time
     * (HikariCP), a refused or broken connection (SQLState class 08), the server shutting down or starting (57P01-57P03).
     */
    static boolean isOutage(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException e) {
            String state = stateOf(e);
            return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
        }
        return false;
    }

    static String stateOf(SQLException e) {
        // A batch or wrapped failure may carry the real state on a nested exception.
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null) {
                return x.getSQLState();
            }
        }
        return null;
    }
}
