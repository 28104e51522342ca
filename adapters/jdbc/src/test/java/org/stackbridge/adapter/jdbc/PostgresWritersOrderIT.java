package org.stackbridge.adapter.jdbc;

/** Four writers on PostgreSQL: each terminal's commands keep their order. */
class PostgresWritersOrderIT implements WritersOrderContract {

    @Override
    public JdbcSettings database() {
        return TestPostgres.freshDatabase();
    }

    @Override
    public int writers() {
        return 4;
    }
}
