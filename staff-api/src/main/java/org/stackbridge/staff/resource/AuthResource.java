package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.stackbridge.staff.auth.Public;
import org.stackbridge.staff.auth.StaffAuthFilter;
import org.stackbridge.staff.auth.StaffAuthenticator;
import org.stackbridge.staff.auth.StaffSession;
import org.stackbridge.staff.auth.StaffSessions;

/** {@code POST /auth/login} trades a login and password for a bearer token; {@code POST /auth/logout} ends it. */
@Singleton
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

    static final int MAX_LOGIN = 64;
    static final int MAX_PASSWORD = 1024;

    private final StaffAuthenticator authenticator;
    private final StaffSessions sessions;

    @Inject
    public AuthResource(StaffAuthenticator authenticator, StaffSessions sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    public record LoginRequest(String login, String password) {
        @Override
        public String toString() {
            return "LoginRequest[" + login + ", password=***]";
        }
    }

    /** The answer to a login: the token is shown this once. */
    public record LoginResponse(String token, Instant expiresAt, String login, String role, String library) {
        @Override
        public String toString() {
            return "LoginResponse[token=***, login=" + login + "]";
        }
    }

    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public LoginResponse login(LoginRequest body) {
        Fields.requireBody(body);
        Fields f = new Fields();
        f.required("login", body.login(), MAX_LOGIN);
        f.required("password", body.password(), MAX_PASSWORD);
        f.check();
        StaffSessions.Issued issued = authenticator.login(body.login(), body.password());
        StaffSession s = issued.session();
        return new LoginResponse(issued.token(), s.expiresAt(), s.login(), s.role().label(), s.library());
    }

    @POST
    @Path("logout")
    public Response logout(@Context ContainerRequestContext request) {
        sessions.close(StaffAuthFilter.bearerToken(request));
        return Response.noContent().build();
    }
}
