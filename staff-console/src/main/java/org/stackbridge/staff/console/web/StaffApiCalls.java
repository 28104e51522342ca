package org.stackbridge.staff.console.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.staff.StaffServices;
import org.stackbridge.staff.auth.StaffSecurityContext;
import org.stackbridge.staff.auth.StaffSessions;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;
import org.stackbridge.staff.resource.CirculationRulesResource;
import org.stackbridge.staff.resource.EngineCalls;
import org.stackbridge.staff.resource.LibrariesResource;
import org.stackbridge.staff.resource.ReportsResource;
import org.stackbridge.staff.resource.Sip2AccountsResource;
import org.stackbridge.staff.resource.StaffAccountsResource;
import org.stackbridge.staff.resource.TerminalsResource;

/**
 * The staff API's own resource classes, called in the console user's name: administration, terminals and reports
 * check their input, run their engine command and shape their answer in one place, the API's, and the console shows
 * what they answer (a {@link ProblemException} becomes a notice naming the fields). The calls wait on the console's
 * worker threads, never on the event loop.
 */
public final class StaffApiCalls {

    private static final Logger LOG = LoggerFactory.getLogger(StaffApiCalls.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final StaffServices services;
    private final StaffAccountsResource staff;
    private final Sip2AccountsResource sip2;
    private final LibrariesResource libraries;
    private final CirculationRulesResource rules;
    private final TerminalsResource terminals;
    private final ReportsResource reports;
    private final org.stackbridge.staff.resource.NoticesResource notices;
    private final org.stackbridge.staff.resource.TracesResource traces;

    public StaffApiCalls(CirculationPort port, StaffServices services, StaffSessions apiTokens) {
        this.services = services;
        // the resources' answers are shaped on the thread that completes the engine call: the console waits for it
        EngineCalls engine = new EngineCalls(port, Runnable::run);
        this.staff = new StaffAccountsResource(engine, services.admin(), apiTokens);
        this.sip2 = new Sip2AccountsResource(engine, services.admin());
        this.libraries = new LibrariesResource(engine);
        this.rules = new CirculationRulesResource(engine);
        this.terminals = new TerminalsResource(engine, services.admin());
        this.reports = new ReportsResource(services.reports());
        this.notices = new org.stackbridge.staff.resource.NoticesResource(services);
        this.traces = new org.stackbridge.staff.resource.TracesResource(services);
    }

    public org.stackbridge.staff.resource.TracesResource traces() {
        return traces;
    }

    public StaffServices services() {
        return services;
    }

    public StaffAccountsResource staff() {
        return staff;
    }

    public Sip2AccountsResource sip2() {
        return sip2;
    }

    public LibrariesResource libraries() {
        return libraries;
    }

    public CirculationRulesResource rules() {
        return rules;
    }

    public TerminalsResource terminals() {
        return terminals;
    }

    public org.stackbridge.staff.resource.NoticesResource notices() {
        return notices;
    }

    public ReportsResource reports() {
        return reports;
    }

    /** The security context the resources read the staff member from. */
    public static SecurityContext as(ConsoleSession session) {
        return new StaffSecurityContext(session.staff(), false);
    }

    /** What a resource answered: its value, or the problem it raised. */
    public sealed interface Result<T> {
        record Ok<T>(T value) implements Result<T> {
        }

        record Failed<T>(Problem problem) implements Result<T> {
        }

        default boolean ok() {
            return this instanceof Ok<T>;
        }

        default T value() {
            if (this instanceof Ok<T> ok) {
                return ok.value();
            }
            throw new IllegalStateException("no value: " + ((Failed<T>) this).problem());
        }

        /** The problem as a notice: the detail, and each invalid field with its reason. */
        default Notice notice() {
            Problem p = ((Failed<T>) this).problem();
            return Notice.error(StaffApiCalls.describe(p));
        }

        default int status() {
            return this instanceof Failed<T> f ? f.problem().status() : 200;
        }
    }

    static String describe(Problem p) {
        if (p.errors() != null && !p.errors().isEmpty()) {
            return p.errors().stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")) + ".";
        }
        return p.detail() == null ? p.title() : p.detail();
    }

    /** Runs a resource call and waits for it; a problem it throws (at once or later) is a {@link Result.Failed}. */
    public <T> Result<T> call(Supplier<? extends CompletionStage<T>> call) {
        try {
            return new Result.Ok<>(call.get().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ProblemException e) {
            return new Result.Failed<>(e.problem());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProblemException p) {
                return new Result.Failed<>(p.problem());
            }
            LOG.error("staff console: a staff API call failed", e.getCause());
            return unavailable();
        } catch (TimeoutException e) {
            LOG.error("staff console: a staff API call got no answer in {} s", TIMEOUT_SECONDS);
            return unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable();
        }
    }

    /** A synchronous resource call (reports, profiles). */
    public <T> Result<T> now(Supplier<T> call) {
        try {
            return new Result.Ok<>(call.get());
        } catch (ProblemException e) {
            return new Result.Failed<>(e.problem());
        }
    }

    /** The list a paged resource answered (its entity), as the resource built it. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> entities(Response r) {
        return (List<T>) r.getEntity();
    }

    private static <T> Result<T> unavailable() {
        return new Result.Failed<>(new Problem("about:blank", "Service Unavailable", 503,
                "The engine or the database did not answer; nothing was changed. Try again.", null, null));
    }
}
