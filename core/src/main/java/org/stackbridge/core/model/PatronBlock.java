package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * A block on a patron; each flag says what it blocks. {@code expires} null means until lifted. {@code reason} is the
 * text patrons and kiosks are shown; {@code note} is for staff only; {@code placedBy} is the staff login, SIP2
 * terminal or other actor that placed it.
 */
public record PatronBlock(long id, long patronId, String source, boolean borrow, boolean renew, boolean request,
                          String reason, Instant created, Instant expires, BlockType type, String note,
                          String placedBy) implements Serializable {

    public PatronBlock {
        type = type == null ? typeFor(source) : type;
    }

    /** A block without type, note or placer: a SIP2 block is a {@link BlockType#KIOSK} one, any other a manual one. */
    public PatronBlock(long id, long patronId, String source, boolean borrow, boolean renew, boolean request,
                       String reason, Instant created, Instant expires) {
        this(id, patronId, source, borrow, renew, request, reason, created, expires, typeFor(source), null, null);
    }

    private static BlockType typeFor(String source) {
        return Channel.SIP2.name().equals(source) ? BlockType.KIOSK : BlockType.MANUAL;
    }

    public boolean activeAt(Instant at) {
        return expires == null || expires.isAfter(at);
    }

    public PatronBlock withId(long newId) {
        return new PatronBlock(newId, patronId, source, borrow, renew, request, reason, created, expires, type, note, placedBy);
    }
}
