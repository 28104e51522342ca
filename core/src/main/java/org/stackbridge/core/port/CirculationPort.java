package org.stackbridge.core.port;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.outcome.Outcome;

/**
 * The one operation API every protocol listener calls. Never blocks the caller; the stage completes
 * once the outcome is durable. Failures of the backend complete normally with a SYSTEM_ERROR refusal.
 */
public interface CirculationPort {
    <R> CompletionStage<Outcome<R>> execute(Command<R> command);

    /**
     * False while the backend is known to be unreachable (commands are then refused at once with SERVICE_UNAVAILABLE);
     * listeners report it (SIP2 98 on-line status N). Never blocks.
     */
    default boolean available() {
        return true;
    }
}
