package org.stackbridge.core.outcome;

/** Why the engine refused a command. Listeners map each onto their wire codes and texts. */
public enum RefusalReason {
    UNKNOWN_PATRON, UNKNOWN_ITEM, UNKNOWN_LIBRARY, UNKNOWN_HOLD, UNKNOWN_FEE,
    /** No bibliographic record has the control number given. */
    UNKNOWN_BIB,
    /** No ILL request matches the reference given (id, partner request id or item). */
    UNKNOWN_ILL_REQUEST,
    INVALID_PIN, PIN_REQUIRED,
    /** Too many failed PIN checks: the PIN is refused, unchecked, until the lock ends. */
    PIN_LOCKED,
    INVALID_CREDENTIALS, PATRON_BLOCKED, PATRON_EXPIRED, CARD_LOST, TOO_MANY_LOANS, EXCESSIVE_FINES,
    ITEM_NOT_CIRCULATING, ITEM_NOT_AVAILABLE, ITEM_ON_HOLD_FOR_OTHER, ITEM_CHECKED_OUT_TO_OTHER, ITEM_NOT_CHECKED_OUT,
    RENEWAL_LIMIT, RENEWAL_BLOCKED_BY_HOLD, HOLDS_NOT_ALLOWED, DUPLICATE_HOLD,
    OVERPAYMENT, CURRENCY_MISMATCH, INVALID_AMOUNT, NOTHING_OWED,
    OUT_OF_INSTITUTION, INVALID_REQUEST, INVALID_TRANSITION, DUPLICATE, NO_POLICY,
    /** No administration record (rule, code, account) of that key. */
    UNKNOWN_RECORD,
    /** A field of the command is invalid; the refusal's context is the field's name. */
    INVALID_FIELD,
    /** The entry is defined by the configuration file: edit the file instead. */
    DEFINED_IN_CONFIGURATION,
    /** No block with that id on the patron. */
    UNKNOWN_BLOCK,
    /** The backend failed; the message says how. Nothing was changed. */
    SYSTEM_ERROR,
    /** The storage cannot be reached now (circuit breaker open); nothing was changed; the request may be retried later. */
    SERVICE_UNAVAILABLE
}
