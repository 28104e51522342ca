package org.stackbridge.staff.server;

import jakarta.ws.rs.ApplicationPath;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.stackbridge.staff.auth.StaffAuthFilter;
import org.stackbridge.staff.auth.StaffAuthenticator;
import org.stackbridge.staff.auth.StaffSessions;
import org.stackbridge.staff.problem.ProblemMapper;
import org.stackbridge.staff.resource.AuthResource;
import org.stackbridge.staff.resource.CirculationResource;
import org.stackbridge.staff.resource.EngineCalls;
import org.stackbridge.staff.resource.ImportsResource;
import org.stackbridge.staff.resource.ItemsResource;
import org.stackbridge.staff.resource.PatronsResource;

/**
 * The JAX-RS application: every resource (singletons whose collaborators are bound here), the auth filter, JSON and
 * problem mapping.
 */
@ApplicationPath(StaffHttpEndpoint.PATH)
final class StaffApplication extends ResourceConfig {

    StaffApplication(EngineCalls engine, StaffAuthenticator authenticator, StaffSessions sessions, StaffImports imports) {
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // a Location (an import job's) stays as the resource wrote it, relative to the server
        property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
        register(JacksonFeature.withoutExceptionMappers());
        register(new StaffJson());
        register(new ProblemMapper());
        register(new StaffAuthFilter(sessions));
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(engine).to(EngineCalls.class);
                bind(authenticator).to(StaffAuthenticator.class);
                bind(sessions).to(StaffSessions.class);
                bind(imports).to(StaffImports.class);
            }
        });
        register(AuthResource.class);
        register(PatronsResource.class);
        register(ItemsResource.class);
        register(CirculationResource.class);
        register(ImportsResource.class);
    }
}
