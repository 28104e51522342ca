package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.port.ConfigurationReload;
import org.stackbridge.staff.StaffServices;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.auth.StaffSession;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * {@code POST /admin/reload} (admin, not library-scoped): reloads this gateway node's configuration from the file(s) and
 * {@code --set} overrides it was started with: SIP2 terminal accounts and profiles, NCIP agencies, circulation rules,
 * libraries and their calendars, notice templates, without dropping a connection. A bad file changes nothing and is
 * answered 422 naming the file, line and key; settings that need a restart are listed in {@code needs_restart} and not
 * applied. Reloading twice changes nothing the second time, so a retried POST is harmless. Only the node that gets the
 * call reloads: with several nodes, call each.
 */
@Singleton
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public final class ConfigurationResource {

    private final ConfigurationReload reload;

    @Inject
    public ConfigurationResource(StaffServices services) {
        this.reload = services.configurationReload();
    }

    /** What the reload did: counts of what is now in force from the file, the changes, the settings needing a restart. */
    public record ReloadView(String file, Map<String, Integer> reloaded, List<String> changes, List<String> needsRestart) {
    }

    @POST
    @Path("reload")
    @Requires(StaffPermission.CONFIGURATION)
    public ReloadView reload(@Context SecurityContext security) {
        StaffSession session = (StaffSession) security.getUserPrincipal();
        if (session.library() != null) {
            throw ProblemException.forbidden("A library-scoped account cannot reload the configuration of the whole gateway");
        }
        if (reload == null) {
            throw ProblemException.of(503, "no-reload", "Service Unavailable", "This endpoint cannot reload a configuration");
        }
        try {
            ConfigurationReload.Result r = reload.reload(Channel.API, session.login());
            return new ReloadView(r.file(), r.reloaded(), r.changes(), r.needsRestart());
        } catch (ConfigurationReload.Invalid e) {
            throw new ProblemException(new Problem("urn:stackbridge:problem:invalid-configuration", "Invalid configuration", 422,
                    e.getMessage() + "; nothing was changed", null,
                    e.key().isEmpty() ? null : List.of(new Problem.FieldError(e.key(), e.getMessage()))));
        } catch (ConfigurationReload.Failed e) {
            throw ProblemException.of(503, "reload-failed", "Service Unavailable", e.getMessage() + "; nothing was changed");
        }
    }
}
