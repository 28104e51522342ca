package org.stackbridge.core.model;

/**
 * What kind of block a patron carries. Staff place every type but {@link #KIOSK}, which only a SIP2 Block Patron
 * (01) places; a kiosk's Patron Enable (25) lifts only {@link #KIOSK} blocks, never a staff block.
 */
public enum BlockType {
    /** A staff block for a reason given in the note. */
    MANUAL,
    /** The patron reported the card lost. */
    LOST_CARD,
    /** Mail came back: the address is not known. */
    ADDRESS_UNKNOWN,
    /** Fees to settle before borrowing again (placed by staff, beside the automatic fee limit). */
    FEES,
    /** Any other staff block. */
    OTHER,
    /** Placed by a self-check kiosk's Block Patron (SIP2 01), e.g. a card retained by the machine. */
    KIOSK,
    /** Placed by the notices job when it sends the last overdue notice ({@code notices.overdue.block-at-level}). */
    OVERDUE_NOTICES;

    /** Whether staff place this type (every type but {@link #KIOSK}). */
    public boolean staff() {
        return this != KIOSK;
    }
}
