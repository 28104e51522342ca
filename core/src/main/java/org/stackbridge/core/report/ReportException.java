package org.stackbridge.core.report;

/** A report asked for with a bad parameter: {@code field} names it, the message says why. */
public final class ReportException extends RuntimeException {

    private final String field;

    public ReportException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
