package org.stackbridge.adapter.jdbc;

/** Two gateways, each with its own pools and writer, on one PostgreSQL database. */
class PostgresTwoGatewaysCheckoutIT implements TwoGatewaysCheckoutContract {

    @Override
    public JdbcSettings sharedDatabase() {
        return TestPostgres.freshDatabase();
    }
}
