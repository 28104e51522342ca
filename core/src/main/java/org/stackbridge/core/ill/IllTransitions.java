package org.stackbridge.core.ill;

import static org.stackbridge.core.model.IllRole.BORROWING;
import static org.stackbridge.core.model.IllRole.LENDING;
import static org.stackbridge.core.model.IllState.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;

/** The ILL transition table: data, not branches. Each row says which triggers may take it. */
public final class IllTransitions {

    /** What drives a transition. */
    public enum Trigger {
        /** A technician or a partner message naming the target state (advance, cancel). */
        MANUAL,
        /** Receipt of a borrowed item (NCIP AcceptItem). */
        RECEIVE,
        /** A check-out of the ILL item (NCIP CheckOutItem, SIP2 11). */
        CHECKOUT,
        /** A check-in of the ILL item (NCIP CheckInItem, SIP2 09). */
        CHECKIN,
        /** Removal of the temporary item (NCIP DeleteItem). */
        DELETE
    }

    public record Row(IllRole role, IllState from, IllState to, Set<Trigger> triggers) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    static {
        // borrowing: our patron gets a partner's item
        row(BORROWING, REQUESTED, SHIPPED_TO_US, Trigger.MANUAL);
        row(BORROWING, REQUESTED, RECEIVED, Trigger.RECEIVE);
        row(BORROWING, SHIPPED_TO_US, RECEIVED, Trigger.RECEIVE);
        row(BORROWING, RECEIVED, CHECKED_OUT_TO_PATRON, Trigger.CHECKOUT);
        row(BORROWING, CHECKED_OUT_TO_PATRON, RETURNED_BY_PATRON, Trigger.CHECKIN);
        row(BORROWING, OVERDUE, RETURNED_BY_PATRON, Trigger.CHECKIN);
        row(BORROWING, RECEIVED, RETURNED_BY_PATRON, Trigger.CHECKIN); // never collected
        row(BORROWING, RETURNED_BY_PATRON, RETURNED_TO_LENDER, Trigger.MANUAL, Trigger.DELETE);
        row(BORROWING, RECEIVED, RETURNED_TO_LENDER, Trigger.MANUAL, Trigger.DELETE);
        row(BORROWING, RETURNED_TO_LENDER, COMPLETE, Trigger.MANUAL, Trigger.DELETE);
        row(BORROWING, CHECKED_OUT_TO_PATRON, OVERDUE, Trigger.MANUAL);
        row(BORROWING, REQUESTED, CANCELLED, Trigger.MANUAL);
        row(BORROWING, SHIPPED_TO_US, CANCELLED, Trigger.MANUAL);
        row(BORROWING, RECEIVED, CANCELLED, Trigger.MANUAL);
        row(BORROWING, REQUESTED, UNFILLED, Trigger.MANUAL);
        row(BORROWING, SHIPPED_TO_US, LOST_IN_TRANSIT, Trigger.MANUAL);
        row(BORROWING, RETURNED_TO_LENDER, LOST_IN_TRANSIT, Trigger.MANUAL);
        // lending: a partner borrows our item
        row(LENDING, REQUESTED, PICKED, Trigger.MANUAL);
        row(LENDING, REQUESTED, CHECKED_OUT_TO_PARTNER, Trigger.CHECKOUT);
        row(LENDING, PICKED, CHECKED_OUT_TO_PARTNER, Trigger.CHECKOUT);
        row(LENDING, CHECKED_OUT_TO_PARTNER, SHIPPED_TO_PARTNER, Trigger.MANUAL);
        row(LENDING, CHECKED_OUT_TO_PARTNER, RETURNED_BY_PARTNER, Trigger.CHECKIN);
        row(LENDING, SHIPPED_TO_PARTNER, RETURNED_BY_PARTNER, Trigger.CHECKIN);
        row(LENDING, OVERDUE, RETURNED_BY_PARTNER, Trigger.CHECKIN);
        row(LENDING, RETURNED_BY_PARTNER, COMPLETE, Trigger.MANUAL, Trigger.CHECKIN);
        row(LENDING, CHECKED_OUT_TO_PARTNER, OVERDUE, Trigger.MANUAL);
        row(LENDING, SHIPPED_TO_PARTNER, OVERDUE, Trigger.MANUAL);
        row(LENDING, REQUESTED, CANCELLED, Trigger.MANUAL);
        row(LENDING, PICKED, CANCELLED, Trigger.MANUAL);
        row(LENDING, REQUESTED, UNFILLED, Trigger.MANUAL);
        row(LENDING, PICKED, UNFILLED, Trigger.MANUAL);
        row(LENDING, SHIPPED_TO_PARTNER, LOST_IN_TRANSIT, Trigger.MANUAL);
        row(LENDING, OVERDUE, LOST_IN_TRANSIT, Trigger.MANUAL);
    }

    private IllTransitions() {
    }

    private static void row(IllRole role, IllState from, IllState to, Trigger first, Trigger... more) {
        ROWS.add(new Row(role, from, to, EnumSet.of(first, more)));
    }

    public static List<Row> rows() {
        return List.copyOf(ROWS);
    }

    public static Optional<Row> find(IllRole role, IllState from, IllState to, Trigger trigger) {
        return ROWS.stream().filter(r -> r.role == role && r.from == from && r.to == to && r.triggers.contains(trigger)).findFirst();
    }

    public static boolean allowed(IllRole role, IllState from, IllState to, Trigger trigger) {
        return find(role, from, to, trigger).isPresent();
    }

    /** States reachable from {@code from} with the trigger, for error messages and the CLI. */
    public static List<IllState> next(IllRole role, IllState from, Trigger trigger) {
        return ROWS.stream().filter(r -> r.role == role && r.from == from && r.triggers.contains(trigger)).map(Row::to).toList();
    }

    /** A state with no way out. */
    public static boolean isTerminal(IllRole role, IllState state) {
        return ROWS.stream().noneMatch(r -> r.role == role && r.from == state);
    }

    /** States valid for a role (those that appear in its rows). */
    public static Set<IllState> states(IllRole role) {
        EnumSet<IllState> s = EnumSet.of(REQUESTED);
        ROWS.stream().filter(r -> r.role == role).forEach(r -> {
            s.add(r.from);
            s.add(r.to);
        });
        return s;
    }
}
