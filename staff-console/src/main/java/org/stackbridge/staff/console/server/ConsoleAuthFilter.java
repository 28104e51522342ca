package org.stackbridge.staff.console.server;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.staff.auth.Public;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.web.Pages;

/**
 * Roles enforced on the server for every page and action: a method marked {@link Public} is open (sign-in, assets);
 * every other needs a session (a page without one goes to the sign-in form) and, when marked {@link Requires}, a role
 * that grants the permission (else 403). The permission itself is decided by {@code StaffRole}.
 */
@Priority(Priorities.AUTHORIZATION)
final class ConsoleAuthFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuthFilter.class);

    @Context
    private ResourceInfo resource;

    private final Pages pages;

    ConsoleAuthFilter(Pages pages) {
        this.pages = pages;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(Public.class)) {
            return;
        }
        ConsoleSession session = ConsoleSecurityContext.sessionOf(request.getSecurityContext());
        if (session == null) {
            URI signIn = URI.create(ConsoleHttpEndpoint.PATH + "/signin");
            if (HttpMethod.GET.equals(request.getMethod())) {
                request.abortWith(Response.seeOther(signIn).header("HX-Redirect", signIn.toString()).build());
            } else {
                request.abortWith(Response.status(401).type(MediaType.TEXT_HTML_TYPE).header("HX-Redirect", signIn.toString())
                        .entity(pages.error(null, 401, "Signed out", "Your session has ended. Sign in again.")).build());
            }
            return;
        }
        Requires requires = method.getAnnotation(Requires.class);
        if (requires != null && !session.allows(requires.value())) {
            String permission = requires.value().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            LOG.warn("staff console {} {} refused for {} ({}): needs {}", request.getMethod(), request.getUriInfo().getPath(),
                    session.login(), session.staff().role().label(), permission);
            request.abortWith(Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(pages.error(session, 403, "Not allowed",
                    "Your role (" + session.staff().role().label() + ") does not include the " + permission + " permission.")).build());
        }
    }
}
