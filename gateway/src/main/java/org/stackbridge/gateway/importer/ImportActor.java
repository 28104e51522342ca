package org.stackbridge.gateway.importer;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;

/**
 * Who runs an import and in which job: every change it makes is logged in their name (the staff login or the CLI
 * user), with the job as the terminal and, for an update, the values before and after. An actor of one institution
 * imports only into that institution's libraries.
 */
public record ImportActor(RequestContext who, String job, Clock clock) {

    /** The event log keeps this many characters of detail. */
    static final int MAX_DETAIL = 4000;

    public ImportActor {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(clock, "clock");
    }

    /** The operator at the command line, acting in every institution. */
    public static ImportActor cli(Clock clock) {
        return new ImportActor(new RequestContext(Channel.CLI, System.getProperty("user.name", "cli"), "cli", null, null, null, null),
                "cli", clock);
    }

    /** The codes of the libraries rows may name: all of them, or those of the actor's institution. */
    Set<String> libraries(TransactionRunner storage) {
        List<Library> all = storage.read(tx -> tx.libraries().all()).join();
        return all.stream().filter(l -> who.institution() == null || who.institution().equals(l.institution()))
                .map(Library::code).collect(Collectors.toUnmodifiableSet());
    }

    /** Why a library named on a row is not acceptable. */
    String unknownLibrary(String library) {
        return who.institution() == null ? "unknown library '" + library + "'; add it first with: stackbridge library add"
                : "library '" + library + "' is not one of institution " + who.institution() + "'s libraries";
    }

    void log(StoreTx tx, EventType type, String library, Long patronId, Long itemId, String detail) {
        String text = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 1) + "\u2026" : detail;
        tx.events().append(new CirculationEvent(0, clock.instant(), type, who.actor(), who.channel(), "import " + job, library,
                patronId, itemId, text));
    }

    /** {@code field: 'old' -> 'new'} when they differ, else nothing; appended to {@code out}. */
    static void diff(StringBuilder out, String field, Object before, Object after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (out.length() > 0) {
            out.append("; ");
        }
        out.append(field).append(": ").append(quote(before)).append(" -> ").append(quote(after));
    }

    private static String quote(Object v) {
        return v == null ? "none" : "'" + v + "'";
    }
}
