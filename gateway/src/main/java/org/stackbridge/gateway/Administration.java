package org.stackbridge.gateway;

import java.util.List;
import java.util.function.Supplier;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.sip2.server.Sip2Server;
import org.stackbridge.staff.StaffAdministration;

/** What the staff API's administration resources get from the gateway: the hasher, the SIP2 profiles, the terminal monitor. */
final class Administration {

    private Administration() {
    }

    /** {@code sip2} is the listener once started (the API is mounted before the listeners start). */
    static StaffAdministration of(GatewayConfig cfg, Supplier<Sip2Server> sip2, TerminalProfileRegistry profiles) {
        return new StaffAdministration(new SecretHasher(cfg.security().hashIterations()), profiles.configured(), () -> {
            Sip2Server s = sip2.get();
            return s == null ? List.of() : s.terminals().all();
        }, profiles);
    }
}
