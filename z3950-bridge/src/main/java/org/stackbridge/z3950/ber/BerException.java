package org.stackbridge.z3950.ber;

/** Malformed or over-limit BER input. */
public final class BerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BerException(String message) {
        super(message);
    }
}
