package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;

/** {@link ConsoleSessionsContract} on the PostgreSQL store, and two gateway nodes sharing one database. */
class ConsoleSessionsPostgresIT extends ConsoleSessionsContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }

    @Test
    void aSecondNodeOnTheSameDatabaseAcceptsTheCookieAndASignOutOnEitherEndsItOnBoth() throws Exception {
        String url = TestGateways.freshPostgresUrl();
        try (Gateway a = start(data.resolve("a"), url); Gateway b = start(data.resolve("b"), url)) {
            seedStaff(a);
            String session = signIn(a, "tim");
            assertSignedIn(get(a, "/desk", session), "tim");
            assertSignedIn(get(b, "/desk", session), "tim");
            // the CSRF token is the session's, whichever node rendered the form
            assertEquals(csrf(get(a, "/desk", session).body()), csrf(get(b, "/desk", session).body()));
            signOut(b, session);
            assertSignedOut(get(b, "/desk", session));
            assertSignedOut(get(a, "/desk", session));

            // a change to the account made on one node ends its sessions on the other at the next request
            String again = signIn(b, "tim");
            assertSignedIn(get(a, "/desk", again), "tim");
            String hash = new SecretHasher(1_000).hash("another password");
            b.storage().write(tx -> {
                tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
                return null;
            }).get(30, TimeUnit.SECONDS);
            assertSignedOut(get(a, "/desk", again));
        }
    }
}
