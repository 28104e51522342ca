package org.stackbridge.gateway.route;

/** Camel endpoint URIs used by the gateway; the only place they are spelled. */
public final class Endpoints {
    /** Every typed command from every listener enters here. */
    public static final String CIRC_COMMAND = "direct:circ.command";
    /** Circulation events after commit: metrics and the optional external sink. */
    public static final String CIRC_EVENTS = "direct:circ.events";

    private Endpoints() {
    }
}
