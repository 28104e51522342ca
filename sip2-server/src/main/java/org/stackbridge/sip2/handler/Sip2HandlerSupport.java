package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.mapping.Sip2Mapper.pinFailureKey;
import static org.stackbridge.sip2.mapping.Sip2Mapper.refusalMessage;
import static org.stackbridge.sip2.mapping.Sip2Mapper.screenMessage;
import static org.stackbridge.sip2.mapping.Sip2Mapper.sipDate;
import static org.stackbridge.sip2.spec.FieldCode.AD;
import static org.stackbridge.sip2.spec.FieldCode.AO;
import static org.stackbridge.sip2.spec.FixedField.LANGUAGE;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.sip2.mapping.Sip2Mapper;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;

/** What every handler needs: the engine call, request contexts, the clock and the small request readers. */
final class Sip2HandlerSupport {

    private final CirculationPort port;
    private final Clock clock;

    Sip2HandlerSupport(CirculationPort port, Clock clock) {
        this.port = port;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** Whether the backend answers now (false while the storage circuit breaker is open); never blocks. */
    boolean backendAvailable() {
        return port.available();
    }

    RequestContext ctx(Sip2Message req, Sip2Session s, String library, String key, Instant occurred) {
        String inst = s.institutionFor(req.trimmed(AO));
        String terminal = s.location() != null ? s.location() : s.login();
        return new RequestContext(Channel.SIP2, s.login(), terminal, inst, library, key, occurred);
    }

    /**
     * Runs {@code action} with a context whose library is {@code candidate} (else the login's CP location) when that
     * is a library of the request's institution; otherwise the institution itself.
     */
    <T> CompletionStage<Outcome<T>> withLibrary(Sip2Message req, Sip2Session s, String candidate, String key, Instant occurred,
                                                Function<RequestContext, CompletionStage<Outcome<T>>> action) {
        String code = candidate != null ? candidate : s.location();
        String inst = s.institutionFor(req.trimmed(AO));
        if (code == null) {
            return action.apply(ctx(req, s, null, key, occurred));
        }
        String cached = s.libraryInstitution(code);
        if (cached != null) {
            return action.apply(ctx(req, s, cached.equals(inst) ? code : null, key, occurred));
        }
        return exec(s, new Commands.LookupLibrary(ctx(req, s, null, null, null), code)).thenCompose(o -> {
            String libInst = o instanceof Outcome.Success<Views.LibraryView> ok ? ok.result().institution() : "";
            s.libraryInstitution(code, libInst);
            return action.apply(ctx(req, s, libInst.equals(inst) ? code : null, key, occurred));
        });
    }

    /** Runs a command; the outcome is handed back on the connection's event loop, off the engine's threads. */
    <R> CompletionStage<Outcome<R>> exec(Sip2Session s, Command<R> command) {
        return port.execute(command).thenApplyAsync(Function.identity(), s.executor());
    }

    /**
     * Looks the patron up, checking AD when the request has one, reading as much of the loan, hold and fee lines as
     * {@code lines} says (a 23 or a PIN check needs none, a 63 without an item list their own rows only).
     */
    CompletionStage<Outcome<Views.PatronInfo>> lookupPatron(Sip2Message req, Sip2Session s, String patron, Commands.PatronLines lines) {
        Commands.LookupPatron lookup = new Commands.LookupPatron(ctx(req, s, null, null, null), patron, pin(req));
        return exec(s, lines == Commands.PatronLines.FULL ? lookup : new Commands.LookupPatronBrief(lookup, lines));
    }

    /** Verifies AD when present; completes with null when fine, else the AF text. */
    CompletionStage<String> checkPin(Sip2Message req, Sip2Session s, String patron) {
        String pin = pin(req);
        if (pin == null) {
            return done(null);
        }
        Sip2Profile p = s.profile();
        // only the PIN's verdict and the patron's standing are read: no loan, hold or fee lines
        return lookupPatron(req, s, patron, Commands.PatronLines.NONE).thenApply(o -> {
            if (o instanceof Outcome.Refused<Views.PatronInfo> r) {
                return r.reason() == RefusalReason.UNKNOWN_PATRON ? screenMessage(p, "INVALID_PATRON", p.language(), null)
                        : refusalMessage(p, r.reason(), r.message(), p.language());
            }
            return o.value().pin() == Views.PinCheck.INVALID ? screenMessage(p, pinFailureKey(o.value()), p.language(), null) : null;
        });
    }

    /** The transaction date: now, in the session's zone. */
    String now(Sip2Session s) {
        return sipDate(clock.instant(), zone(s));
    }

    /** The zone of every SIP2 date on this session. */
    ZoneId zone(Sip2Session s) {
        return s.zone();
    }

    /** AH: a due date in the profile's format and the session's zone. */
    String dueDate(Instant due, Sip2Session s) {
        return Sip2Mapper.dueDate(due, s.profile(), zone(s));
    }

    /** A day (hold expiry, hold shelf date) as the SIP date of its start in the session's zone. */
    String day(LocalDate d, Sip2Session s) {
        ZoneId z = zone(s);
        return sipDate(d.atStartOfDay(z).toInstant(), z);
    }

    /** A date sent by the terminal (local to the session's zone unless it names one); null when blank or invalid. */
    Instant parseDate(String v, Sip2Session s) {
        return Sip2Mapper.parseSipDate(v, zone(s));
    }

    LocalDate parseDay(String v, Sip2Session s) {
        return Sip2Mapper.parseSipDay(v, zone(s));
    }

    /** The profile's screen message for {@code key} in the profile's language. */
    static String message(Sip2Session s, String key) {
        Sip2Profile p = s.profile();
        return screenMessage(p, key, p.language(), null);
    }

    /** The request's language, else the profile's. */
    static String language(Sip2Message req, Sip2Session s) {
        String lang = req.fixed(LANGUAGE);
        return lang == null ? s.profile().language() : lang;
    }

    static String pin(Sip2Message req) {
        String ad = req.field(AD);
        return ad == null || ad.isEmpty() ? null : ad;
    }

    /** AO for the response: the request's, else the session's institution. */
    static String ao(Sip2Message req, Sip2Session s) {
        String ao = req.trimmed(AO);
        return ao == null ? s.institution() : ao;
    }

    static String nz(String v) {
        return v == null ? "" : v;
    }

    static <T> CompletionStage<T> done(T v) {
        return CompletableFuture.completedFuture(v);
    }
}
