package org.stackbridge.staff.console.web;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.staff.console.auth.ConsoleSession;

/**
 * How the console calls the engine: through the same {@link CirculationPort} every protocol and the staff API use,
 * as a {@link Channel#DESK} request naming the staff member (so the event log does) in the account's institution and
 * library. Pages wait for the answer on the console's worker threads, never on the event loop; a refusal is a value the
 * page shows.
 */
public final class ConsoleEngine {

    /** The terminal recorded with every event of the console. */
    public static final String TERMINAL = "staff-console";
    /** Request keys the console puts in its forms: random, URL-safe. */
    private static final Pattern REQUEST_KEY = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final long TIMEOUT_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleEngine.class);

    private final CirculationPort port;

    public ConsoleEngine(CirculationPort port) {
        this.port = port;
    }

    public RequestContext context(ConsoleSession session) {
        return new RequestContext(Channel.DESK, session.login(), TERMINAL, session.staff().institution(), session.staff().library(), null, null);
    }

    /**
     * The context of a form that changes something: the form's request key becomes the engine's, so a form sent twice
     * (a double Enter, a reload) acts once. Null when the key is not one the console made.
     */
    public RequestContext context(ConsoleSession session, String requestKey) {
        if (requestKey == null || !REQUEST_KEY.matcher(requestKey).matches()) {
            return null;
        }
        return context(session).withRequestKey("console:" + requestKey);
    }

    public <R> Outcome<R> run(Command<R> command) {
        try {
            return port.execute(command).toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return noAnswer();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("staff console: {} got no answer from the engine", command, e);
            return noAnswer();
        }
    }

    private static <R> Outcome<R> noAnswer() {
        return Outcome.refused(RefusalReason.SYSTEM_ERROR,
                "The circulation engine did not answer. Check the patron's loans, then send the same form again (it will not act twice).");
    }
}
