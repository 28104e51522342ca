package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.gateway.cli.StackbridgeCli;

/** {@link ReportsContract} on PostgreSQL. */
class ReportsPostgresIT extends ReportsContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
