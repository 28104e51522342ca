package org.stackbridge.staff.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.stackbridge.staff.problem.ProblemException;

/**
 * Runs after a request matched its resource method: every method but the {@link Public} ones needs a live
 * {@code Authorization: Bearer} token (else 401), and a method marked {@link Requires} needs a role that grants the
 * permission (else 403). The session becomes the principal of the request's {@link StaffSecurityContext}.
 */
@Priority(Priorities.AUTHENTICATION)
public final class StaffAuthFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final StaffSessions sessions;

    public StaffAuthFilter(StaffSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ResourceMethod matched = ((ContainerRequest) request).getUriInfo().getMatchedResourceMethod();
        Method method = matched == null ? null : matched.getInvocable().getDefinitionMethod();
        if (method != null && method.isAnnotationPresent(Public.class)) {
            return;
        }
        String token = bearerToken(request);
        if (token == null) {
            throw ProblemException.unauthorized("An Authorization: Bearer token is required; get one from POST /api/v1/auth/login.");
        }
        StaffSession session = sessions.find(token)
                .orElseThrow(() -> ProblemException.unauthorized("The bearer token is unknown or has expired; log in again."));
        Requires needed = method == null ? null : method.getAnnotation(Requires.class);
        if (needed != null && !session.allows(needed.value())) {
            throw ProblemException.forbidden("The role " + session.role().label() + " of " + session.login() + " does not allow "
                    + needed.value().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ".");
        }
        request.setSecurityContext(new StaffSecurityContext(session, request.getSecurityContext().isSecure()));
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public static String bearerToken(ContainerRequestContext request) {
        String h = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (h == null || h.length() <= BEARER.length() || !h.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return h.substring(BEARER.length()).trim();
    }
}
