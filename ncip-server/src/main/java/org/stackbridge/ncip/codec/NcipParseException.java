package org.stackbridge.ncip.codec;

/** An inbound message that could not be read; answered with a message-level Problem. */
public final class NcipParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String problemType;

    public NcipParseException(String problemType, String message) {
        super(message);
        this.problemType = problemType;
    }

    /** A value of the messaging error scheme, e.g. "Invalid Message Syntax Error". */
    public String problemType() {
        return problemType;
    }
}
