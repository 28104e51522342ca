package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.testing.Await;

/** {@link StaffTokensContract} on the PostgreSQL store, and two gateway nodes sharing one database. */
class StaffTokensPostgresIT extends StaffTokensContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }

    @Test
    void aTokenIssuedOnOneNodeWorksOnTheOtherAndALogoutOrAnAccountChangeOnEitherEndsItOnBoth() throws Exception {
        String url = TestGateways.freshPostgresUrl();
        try (Gateway a = start(data.resolve("a"), url); Gateway b = start(data.resolve("b"), url)) {
            seedStaff(a);
            String token = login(a, "tim");
            assertEquals(200, status(a, token));
            assertEquals(200, status(b, token), "issued on A, accepted by B");
            assertEquals(204, call(b, "POST", "/auth/logout", token, null).statusCode());
            assertEquals(401, status(b, token), "at once on the node that ended it");
            Await.until(Duration.ofSeconds(20), () -> status(a, token) == 401, "the logout on B ends the token on A");

            // an account change through B's API ends the token on A within the refresh interval
            String again = login(b, "tim");
            String sysop = login(b, "sysop");
            assertEquals(200, status(a, again));
            assertEquals(200, call(b, "PATCH", "/staff/tim", sysop, "{\"role\": \"librarian\"}").statusCode());
            Await.until(Duration.ofSeconds(20), () -> status(a, again) == 401, "a role change on B ends the token on A");
            assertEquals(200, status(a, sysop), "other accounts' tokens live on");
        }
    }
}
