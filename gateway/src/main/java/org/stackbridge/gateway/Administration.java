package org.stackbridge.gateway;

import java.util.List;
import java.util.function.Supplier;
import org.stackbridge.core.port.TerminalMonitor;
import org.stackbridge.core.outcome.TerminalStatus;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.sip2.server.Sip2Server;
import org.stackbridge.staff.StaffAdministration;

/** What the staff API's administration resources get from the gateway: the hasher, the SIP2 profiles, the terminal monitor. */
public final class Administration {

    private Administration() {
    }

    /** {@code sip2} is the listener once started (the API is mounted before the listeners start). */
    static StaffAdministration of(GatewayConfig cfg, Supplier<Sip2Server> sip2, TerminalProfileRegistry profiles) {
        return new StaffAdministration(new SecretHasher(cfg.security().hashIterations()), profiles.configured(), terminals(sip2), profiles);
    }

    /** The SIP2 listener's live terminal status and trace switches, once it has started. */
    public static TerminalMonitor terminals(Supplier<Sip2Server> sip2) {
        return new TerminalMonitor() {
            @Override
            public List<TerminalStatus> all() {
                Sip2Server s = sip2.get();
                return s == null ? List.of() : s.terminals().all();
            }

            @Override
            public java.util.Set<String> traced() {
                Sip2Server s = sip2.get();
                return s == null ? java.util.Set.of() : s.trace().traced();
            }

            @Override
            public boolean trace(String login, boolean on) {
                Sip2Server s = sip2.get();
                if (s == null) {
                    throw new IllegalStateException("the SIP2 listener has not started");
                }
                return s.trace().set(login, on);
            }
        };
    }
}
