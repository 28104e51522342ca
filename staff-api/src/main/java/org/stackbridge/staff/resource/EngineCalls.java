package org.stackbridge.staff.resource;

import jakarta.ws.rs.core.SecurityContext;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.staff.auth.StaffSession;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * How resources call the engine: through the same {@link CirculationPort} every protocol uses, with a
 * {@link RequestContext} naming the staff member (so the event log does), scoped to the account's institution, and
 * with the request's {@code Idempotency-Key} as the engine's request key. Refusals become problem documents; the
 * answer is finished on the API's worker threads, not on the engine's.
 */
public final class EngineCalls {

    /** The terminal recorded with every event of the staff API. */
    public static final String TERMINAL = "staff-api";
    public static final int MAX_IDEMPOTENCY_KEY = 255;

    private final CirculationPort port;
    private final Executor workers;

    public EngineCalls(CirculationPort port, Executor workers) {
        this.port = port;
        this.workers = workers;
    }

    /** The context of a request authenticated by the auth filter; {@code idempotencyKey} may be null. */
    public static RequestContext context(SecurityContext security, String idempotencyKey) {
        return context((StaffSession) security.getUserPrincipal(), idempotencyKey);
    }

    /** The context of a staff request; {@code idempotencyKey} may be null. */
    public static RequestContext context(StaffSession session, String idempotencyKey) {
        RequestContext ctx = new RequestContext(Channel.API, session.login(), TERMINAL, session.institution(), session.library(), null, null);
        if (idempotencyKey == null) {
            return ctx;
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.invalid(java.util.List.of(new Problem.FieldError("Idempotency-Key",
                    "must be 1-" + MAX_IDEMPOTENCY_KEY + " visible ASCII characters")));
        }
        return ctx.withRequestKey(idempotencyKey);
    }

    /** Runs a command; a success becomes {@code view(result)}, a refusal a {@link ProblemException}. */
    public <R, V> CompletionStage<V> run(Command<R> command, Function<R, V> view) {
        return port.execute(command).thenApplyAsync(outcome -> view.apply(valueOf(outcome)), workers);
    }

    /**
     * Runs a command whose refusals a desk override may let through: the problem of a refusal says whether
     * {@code overridable} holds for its reason, so a console can offer the override.
     */
    public <R, V> CompletionStage<V> run(Command<R> command, Function<R, V> view, java.util.function.Predicate<RefusalReason> overridable) {
        return port.execute(command).thenApplyAsync(outcome -> {
            if (outcome instanceof Outcome.Refused<R> r && r.reason() != RefusalReason.SYSTEM_ERROR) {
                ProblemException p = refusal(r);
                throw new ProblemException(p.problem().withOverridable(overridable.test(r.reason())));
            }
            return view.apply(valueOf(outcome));
        }, workers);
    }

    /** Runs a command and answers its outcome as it is, refusals included, on the API's worker threads. */
    public <R> CompletionStage<Outcome<R>> outcome(Command<R> command) {
        return port.execute(command).thenApplyAsync(outcome -> outcome, workers);
    }

    static <R> R valueOf(Outcome<R> outcome) {
        if (outcome instanceof Outcome.Success<R> s) {
            return s.result();
        }
        throw refusal((Outcome.Refused<R>) outcome);
    }

    /**
     * The HTTP status of a refusal: 404 for an unknown barcode (or one of another institution), 503 when the backend
     * failed, 400 for an invalid amount, and 409 for every other refusal: the API checks the form of a request before
     * the engine sees it, so what the engine refuses conflicts with the state of the patron or item; the detail says
     * how.
     */
    static ProblemException refusal(Outcome.Refused<?> r) {
        if (r.context() instanceof org.stackbridge.core.outcome.PatronViews.FieldProblem field) {
            // the engine refused one input field (an unknown category or library): a 400 naming it
            return ProblemException.invalid(java.util.List.of(new Problem.FieldError(field.field(), field.reason())));
        }
        if (r.reason() == RefusalReason.INVALID_FIELD) {
            String field = r.context() instanceof String name ? name : "(body)";
            return ProblemException.invalid(java.util.List.of(new Problem.FieldError(field, r.message())));
        }
        int status = switch (r.reason()) {
            case UNKNOWN_PATRON, UNKNOWN_ITEM, UNKNOWN_LIBRARY, UNKNOWN_HOLD, UNKNOWN_FEE, UNKNOWN_RECORD, UNKNOWN_BLOCK, UNKNOWN_ILL_REQUEST, UNKNOWN_BIB -> 404;
            case SYSTEM_ERROR, SERVICE_UNAVAILABLE -> 503;
            case INVALID_AMOUNT, CURRENCY_MISMATCH -> 400;
            default -> 409;
        };
        String title = switch (status) {
            case 404 -> "Not Found";
            case 503 -> "Service Unavailable";
            case 400 -> "Bad Request";
            default -> "Conflict";
        };
        String detail = r.reason() == RefusalReason.SYSTEM_ERROR ? "The circulation engine failed; nothing was changed. Try again."
                : r.reason() == RefusalReason.SERVICE_UNAVAILABLE ? "The database cannot be reached; nothing was changed. Try again later."
                : r.message();
        String slug = r.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new ProblemException(new Problem("urn:stackbridge:problem:" + slug, title, status, detail, r.reason().name(), null));
    }
}
