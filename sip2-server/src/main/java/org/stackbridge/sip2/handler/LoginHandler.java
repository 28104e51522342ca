package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.spec.FieldCode.CN;
import static org.stackbridge.sip2.spec.FieldCode.CO;
import static org.stackbridge.sip2.spec.FieldCode.CP;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.time.ZoneId;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.LoginResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.sip2.session.LoginNames;
import org.stackbridge.sip2.session.LoginThrottle;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 93 Login → 94: authenticates the terminal account and switches the session to its profile; failures are throttled
 * per login (see {@link LoginThrottle}).
 */
final class LoginHandler extends Sip2Handler {

    private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);

    private final LoginThrottle throttle;

    LoginHandler(Sip2HandlerSupport support, LoginThrottle throttle) {
        super(Sip2MessageType.LOGIN_REQUEST, support);
        this.throttle = throttle;
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String user = req.trimmed(CN);
        String password = req.field(CO);
        if (user == null) {
            return done(new LoginResponse(false));
        }
        if (throttle.blocked(user, s.remote())) {
            return done(new LoginResponse(false));
        }
        RequestContext ctx = new RequestContext(Channel.SIP2, user, user, null, null, null, null);
        return support.exec(s, new Commands.AuthenticateTerminal(ctx, user, password == null ? "" : password)).thenCompose(o -> {
            if (o instanceof Outcome.Success<Views.TerminalLogin> ok) {
                throttle.succeeded(user, s.remote());
                Views.TerminalLogin l = ok.result();
                s.loggedIn(l.login(), l.institution(), req.trimmed(CP), l.profile());
                // SIP2 dates default to the zone of the terminal's library (its CP), else of its institution's library.
                return libraryZone(s, ctx, s.location()).thenCompose(zone -> zone.isPresent() || l.institution().equals(s.location())
                        ? CompletableFuture.completedFuture(zone) : libraryZone(s, ctx, l.institution())).thenApply(zone -> {
                    s.libraryZone(zone.orElse(null));
                    return new LoginResponse(true);
                });
            }
            if (throttle.failed(user, s.remote())) {
                LOG.warn("SIP2 login {} locked for {} s after repeated failed logins (last from {})", LoginNames.forLog(req),
                        throttle.penaltySeconds(), s.remote());
            }
            s.loggedOut();
            return done(new LoginResponse(false));
        });
    }

    private CompletionStage<Optional<ZoneId>> libraryZone(Sip2Session s, RequestContext ctx, String code) {
        if (code == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return support.exec(s, new Commands.LookupLibrary(ctx, code)).thenApply(o ->
                o instanceof Outcome.Success<Views.LibraryView> ok ? Optional.of(ZoneId.of(ok.result().timezone())) : Optional.empty());
    }

    @Override
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return new LoginResponse(false);
    }
}
