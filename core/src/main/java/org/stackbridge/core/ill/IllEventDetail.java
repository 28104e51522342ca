package org.stackbridge.core.ill;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;

/**
 * The detail of an {@link EventType#ILL_TRANSITION} event, written and read in one place. Its text form is
 * {@code ill=<id> <ROLE> <FROM>-><TO> partner=<agency> ext=<request id>[ note=...]}; {@link #parse} also reads
 * events stored before partner and ext were written (both optional), so old logs keep their history and statistics.
 *
 * @param from {@link #CREATED} for the creation of the request, else the name of the state it left
 * @param note free text, or null
 */
public record IllEventDetail(long requestId, IllRole role, String from, IllState to, String partner, String externalId, String note) {

    /** The {@code from} of the transition that creates a request. */
    public static final String CREATED = "NEW";

    private static final Pattern FORMAT = Pattern.compile(
            "^ill=(\\d+) (BORROWING|LENDING) ([A-Z_]+)->([A-Z_]+)(?: partner=(\\S*))?(?: ext=(\\S*))?(?: note=(.*))?$");

    public static IllEventDetail of(IllRequest r, String from, IllState to, String note) {
        return new IllEventDetail(r.id(), r.role(), from, to, r.partnerAgency(), r.externalId(),
                note == null || note.isBlank() ? null : note.replace('\n', ' '));
    }

    /** The detail of a stored event, if it is one this record wrote (now or in the older form). */
    public static Optional<IllEventDetail> parse(String detail) {
        if (detail == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(detail);
        if (!m.matches()) {
            return Optional.empty();
        }
        IllState to;
        try {
            to = IllState.valueOf(m.group(4));
        } catch (IllegalArgumentException unknownState) {
            return Optional.empty();
        }
        return Optional.of(new IllEventDetail(Long.parseLong(m.group(1)), IllRole.valueOf(m.group(2)), m.group(3), to,
                m.group(5), m.group(6), m.group(7)));
    }

    public boolean creation() {
        return CREATED.equals(from);
    }

    public String format() {
        return "ill=" + requestId + " " + role + " " + from + "->" + to + " partner=" + token(partner) + " ext=" + token(externalId)
                + (note == null || note.isBlank() ? "" : " note=" + note.replace('\n', ' '));
    }

    private static String token(String s) {
        return s == null ? "" : s.replaceAll("\\s", "_");
    }
}
