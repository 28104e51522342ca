package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.stackbridge.staff.auth.Public;
import org.stackbridge.staff.auth.StaffAuthenticator;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.auth.ConsoleSessions;
import org.stackbridge.staff.console.page.ConsolePages;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.console.server.ConsoleHttpEndpoint;
import org.stackbridge.staff.console.server.ConsoleSecurityContext;
import org.stackbridge.staff.problem.ProblemException;

/**
 * Sign-in and sign-out. The form's fields are {@code username} and {@code password}; the password is checked by the
 * staff API's authenticator (one place, with its per-login throttle) and never logged. The sign-in form carries a
 * pre-session CSRF token that must match its cookie; after sign-in the session cookie holds a new 256-bit token.
 */
@Singleton
@Path("")
@Produces(MediaType.TEXT_HTML)
public final class SignInPages {

    static final int MAX_USERNAME = 64;
    static final int MAX_PASSWORD = 1024;

    private final StaffAuthenticator authenticator;
    private final ConsoleSessions sessions;
    private final Pages pages;

    @Inject
    public SignInPages(StaffAuthenticator authenticator, ConsoleSessions sessions, Pages pages) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.pages = pages;
    }

    @GET
    @Public
    public Response home(@Context SecurityContext security) {
        return Forms.seeOther(ConsoleSecurityContext.sessionOf(security) == null ? "/signin" : "/desk");
    }

    @GET
    @Path("signin")
    @Public
    public Response form(@Context SecurityContext security) {
        if (ConsoleSecurityContext.sessionOf(security) != null) {
            return Forms.seeOther("/desk");
        }
        return signInPage(200, security, "", null);
    }

    @POST
    @Path("signin")
    @Public
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("username") String username, @FormParam("password") String password,
                           @Context SecurityContext security) {
        SecurityContext ctx = security;
        String login = username == null ? "" : username.strip();
        if (login.isEmpty() || login.length() > MAX_USERNAME) {
            return signInPage(400, ctx, login.length() > MAX_USERNAME ? "" : login,
                    Notice.error("Username: enter your staff login (at most " + MAX_USERNAME + " characters)."));
        }
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD) {
            return signInPage(400, ctx, login, Notice.error("Password: enter your password."));
        }
        ConsoleSessions.Started started;
        try {
            started = sessions.start(authenticator.verify(login, password));
        } catch (ProblemException e) {
            return signInPage(e.problem().status(), ctx, login, Notice.error(e.problem().detail()));
        }
        org.slf4j.LoggerFactory.getLogger(SignInPages.class).info("staff login {} ({}) signed in to the console", login,
                started.session().staff().role().label());
        return Response.seeOther(java.net.URI.create(ConsoleHttpEndpoint.PATH + "/desk"))
                .cookie(Forms.cookie(ConsoleHttpEndpoint.SESSION_COOKIE, started.token(), ctx.isSecure(), -1),
                        Forms.cookie(ConsoleHttpEndpoint.SIGN_IN_COOKIE, "", ctx.isSecure(), 0))
                .build();
    }

    @POST
    @Path("signout")
    public Response signOut(@CookieParam(ConsoleHttpEndpoint.SESSION_COOKIE) String token, @Context SecurityContext security) {
        ConsoleSession session = ConsoleSecurityContext.sessionOf(security);
        sessions.end(token);
        org.slf4j.LoggerFactory.getLogger(SignInPages.class).info("staff login {} signed out of the console", session.login());
        return Response.seeOther(java.net.URI.create(ConsoleHttpEndpoint.PATH + "/signin"))
                .cookie(Forms.cookie(ConsoleHttpEndpoint.SESSION_COOKIE, "", security.isSecure(), 0)).build();
    }

    /** The form with a fresh pre-session CSRF token, set in its cookie too. */
    private Response signInPage(int status, SecurityContext ctx, String username, Notice notice) {
        String token = ConsoleSessions.randomToken();
        String html = pages.render("signin.jte", new ConsolePages.SignInPage(pages.chrome("Sign in", "signin", null), token, username, notice));
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html)
                .cookie(Forms.cookie(ConsoleHttpEndpoint.SIGN_IN_COOKIE, token, ctx.isSecure(), 3600)).build();
    }
}
