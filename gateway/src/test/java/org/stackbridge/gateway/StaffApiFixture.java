package org.stackbridge.gateway;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;

/**
 * One gateway for a class of staff API tests on the store its subclass names (H2 or PostgreSQL): a fixed clock set back
 * to {@link #T0} before each test, staff accounts sharing {@link #PASSWORD}, a {@link StaffApiClient} client and the event log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StaffApiFixture {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final String PASSWORD = "correct horse";
    static final SecretHasher HASHER = new SecretHasher(1_000);

    TestClock clock;
    Gateway gateway;
    StaffApiClient api;

    /** The store this run uses. */
    abstract TestGateways.Store store();

    /** Starts the gateway with the config lines, then writes the accounts ({@code login:ROLE:LIBRARY}, library may be empty) and {@code seed}. */
    void startGateway(Path data, List<String> accounts, Consumer<StoreTx> seed, String... yaml) throws Exception {
        clock = new TestClock(T0);
        gateway = TestGateways.start(store(), data, clock, yaml);
        api = new StaffApiClient(gateway::httpPort, PASSWORD);
        String hash = HASHER.hash(PASSWORD);
        gateway.storage().write(tx -> {
            for (String account : accounts) {
                String[] a = account.split(":", -1);
                tx.staff().save(new StaffAccount(a[0], hash, StaffRole.valueOf(a[1]), a[2].isEmpty() ? null : a[2], true));
            }
            seed.accept(tx);
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void resetClock() {
        clock.set(T0);
    }

    /** The logged events of a type, from a day before {@link #T0} to 60 days after. */
    List<CirculationEvent> events(EventType type) throws Exception {
        return gateway.storage().read(tx -> tx.events().between(T0.minusSeconds(86_400), T0.plusSeconds(60 * 86_400), 10_000))
                .get(30, TimeUnit.SECONDS).stream().filter(e -> e.type() == type).toList();
    }
}
