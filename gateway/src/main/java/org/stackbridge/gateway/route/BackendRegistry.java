package org.stackbridge.gateway.route;

import java.util.Map;
import java.util.Optional;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.port.CirculationPort;

/**
 * Which backend serves which institution. Today every institution runs on the embedded engine; an
 * external ILS adapter would be registered here for its institution, with no change to listeners.
 */
public final class BackendRegistry {

    private final CirculationPort defaultBackend;
    private final Map<String, CirculationPort> byInstitution;

    public BackendRegistry(CirculationPort defaultBackend, Map<String, CirculationPort> byInstitution) {
        this.defaultBackend = defaultBackend;
        this.byInstitution = Map.copyOf(byInstitution);
    }

    public CirculationPort backendFor(Command<?> command) {
        String institution = command.context().institution();
        return Optional.ofNullable(institution == null ? null : byInstitution.get(institution)).orElse(defaultBackend);
    }
}
