package org.stackbridge.staff.console.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.glassfish.jersey.server.ApplicationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.staff.StaffServices;
import org.stackbridge.staff.auth.StaffAuthenticator;
import org.stackbridge.staff.auth.StaffSessions;
import org.stackbridge.staff.auth.StaffLoginThrottle;
import org.stackbridge.staff.console.ConsoleCataloguing;
import org.stackbridge.staff.console.ConsoleSettings;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.auth.ConsoleSessions;
import org.stackbridge.staff.console.web.ConsoleEngine;
import org.stackbridge.staff.console.web.Pages;
import org.stackbridge.staff.console.web.StaffApiCalls;
import org.stackbridge.staff.server.JerseyWorkers;

/**
 * The staff console on the gateway's HTTP port, at {@value #PATH}: finds the session of the request's cookie, refuses
 * every state-changing request whose CSRF token does not match (before any resource runs), hands the request to the
 * console's Jersey application on a bounded worker pool ({@link JerseyWorkers}, never on the event loop) and puts the security headers on
 * every answer. Its {@code handle} method is an {@code HttpEndpoint}.
 */
public final class ConsoleHttpEndpoint implements AutoCloseable {

    public static final String PATH = "/console";
    /** The session cookie: a 256-bit staff token. */
    public static final String SESSION_COOKIE = "sb_console";
    /** The sign-in form's pre-session CSRF token (double-submit cookie). */
    public static final String SIGN_IN_COOKIE = "sb_console_signin";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Console forms are small; a larger body is refused with 413. */
    public static final int MAX_BODY = 16 * 1024;
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHttpEndpoint.class);
    private static final URI BASE = URI.create("http://localhost" + PATH + "/");
    private static final int QUEUE = 256;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ConsoleSettings settings;
    private final JerseyWorkers workers;
    private final ConsoleSessions sessions;
    private final Pages pages;
    private final ApplicationHandler app;

    /** Without the gateway's extras: no SIP2 profiles or live terminal status, API tokens of its own (tests). */
    public ConsoleHttpEndpoint(ConsoleSettings settings, CirculationPort port, TransactionRunner storage, StaffLoginThrottle throttle,
                               Clock clock) {
        this(settings, port, storage, throttle, clock, StaffServices.defaults(storage, clock), new StaffSessions(storage, clock, Duration.ofHours(1), 1, Duration.ZERO),
                null);
    }

    /**
     * @param services    the staff API's collaborators (administration, terminal monitor, reports, ILL partners) the
     *                    console's pages call the staff API's resources and rules with
     * @param apiTokens   the staff API's bearer tokens: an account changed here loses them at once, as through the API
     * @param cataloguing may be null: then without the items, catalogue and copy-cataloguing screens
     */
    public ConsoleHttpEndpoint(ConsoleSettings settings, CirculationPort port, TransactionRunner storage, StaffLoginThrottle throttle,
                               Clock clock, StaffServices services, StaffSessions apiTokens, ConsoleCataloguing cataloguing) {
        this.settings = settings;
        this.workers = new JerseyWorkers("staff-console", settings.workerThreads(), QUEUE);
        this.sessions = new ConsoleSessions(storage, clock, Duration.ofMinutes(settings.sessionIdleMinutes()),
                Duration.ofHours(settings.sessionMaxHours()), settings.maxSessions());
        this.pages = new Pages(settings.errorSound());
        StaffAuthenticator authenticator = new StaffAuthenticator(storage, throttle);
        ConsoleApplication application = new ConsoleApplication(settings, new ConsoleEngine(port), storage, authenticator, sessions,
                pages, clock, services, new StaffApiCalls(port, services, apiTokens));
        if (cataloguing != null) {
            application.withCataloguing(cataloguing);
        }
        this.app = new ApplicationHandler(application);
    }

    /** The live console sessions; for monitoring and tests. */
    public ConsoleSessions sessions() {
        return sessions;
    }

    public CompletionStage<FullHttpResponse> handle(FullHttpRequest request, InetSocketAddress remote) {
        if (request.content().readableBytes() > MAX_BODY) {
            return CompletableFuture.completedFuture(tooLargeResponse());
        }
        URI uri;
        try {
            uri = new URI("http://localhost" + request.uri()).normalize();
        } catch (URISyntaxException e) {
            return CompletableFuture.completedFuture(badRequestResponse());
        }
        Map<String, String> cookies = cookies(request);
        URI target = uri;
        // the session is read from the database off the event loop; the page then runs on the console's workers
        return sessions.find(cookies.get(SESSION_COOKIE)).handle((found, error) -> {
            if (error != null) {
                LOG.error("staff console: the session store did not answer", error);
                return CompletableFuture.completedFuture(secured(page(HttpResponseStatus.SERVICE_UNAVAILABLE, pages.error(null, 503,
                        "Not available", "The database did not answer; try again in a moment."))));
            }
            return dispatch(request, target, cookies, found.orElse(null));
        }).thenCompose(r -> r);
    }

    private CompletionStage<FullHttpResponse> dispatch(FullHttpRequest request, URI uri, Map<String, String> cookies, ConsoleSession session) {
        boolean secure = settings.secureCookies() || "https".equalsIgnoreCase(request.headers().get("X-Forwarded-Proto"));
        String signInToken = cookies.get(SIGN_IN_COOKIE);
        if (changesState(request.method())) {
            String expected = session != null ? session.csrf() : signInToken;
            if (!ConsoleSessions.sameToken(expected, csrfTokenOf(request))) {
                LOG.warn("staff console {} {} refused: missing or wrong CSRF token (session {})", request.method(), uri.getPath(),
                        session == null ? "none" : session.login());
                return CompletableFuture.completedFuture(secured(page(HttpResponseStatus.FORBIDDEN, pages.error(session, 403,
                        "Form expired", "This form was not sent from a page of this console, or it has expired. Reload the page and try again."))));
            }
        }
        return workers.handle(app, BASE, uri, request, new ConsoleSecurityContext(session, secure, signInToken), REQUEST_TIMEOUT,
                () -> page(HttpResponseStatus.SERVICE_UNAVAILABLE, pages.error(session, 503, "Busy", "Too many requests at once; try again.")),
                () -> page(HttpResponseStatus.SERVICE_UNAVAILABLE, pages.error(session, 503, "No answer",
                        "The console did not answer in time. Check the patron's loans before trying again.")))
                .thenApply(ConsoleHttpEndpoint::secured);
    }

    private static boolean changesState(HttpMethod method) {
        return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }

    private static Map<String, String> cookies(FullHttpRequest request) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.STRICT.decodeAll(header)) {
                out.putIfAbsent(c.name(), c.value());
            }
        }
        return out;
    }

    /** The CSRF token of a form post ({@value #CSRF_FIELD}) or of a script's request ({@value #CSRF_HEADER}). */
    private static String csrfTokenOf(FullHttpRequest request) {
        String header = request.headers().get(CSRF_HEADER);
        if (header != null) {
            return header;
        }
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        String body = request.content().toString(StandardCharsets.UTF_8);
        List<String> values = new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters().get(CSRF_FIELD);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    /** The security headers every console answer carries; pages are never cached, assets say their own. */
    static FullHttpResponse secured(FullHttpResponse r) {
        var h = r.headers();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "same-origin");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (!h.contains(HttpHeaderNames.CACHE_CONTROL)) {
            h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        }
        return r;
    }

    private static FullHttpResponse page(HttpResponseStatus status, String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    /** 413 for a body over {@value #MAX_BODY} bytes (also used by the HTTP server for bodies it drains). */
    public FullHttpResponse tooLargeResponse() {
        return secured(page(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, pages.error(null, 413, "Too large",
                "The form sent more than " + MAX_BODY + " bytes.")));
    }

    public FullHttpResponse badRequestResponse() {
        return secured(page(HttpResponseStatus.BAD_REQUEST, pages.error(null, 400, "Bad request", "The HTTP request is malformed.")));
    }

    @Override
    public void close() {
        workers.close();
    }
}
