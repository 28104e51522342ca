package org.stackbridge.gateway.route;

/** Camel endpoint URIs used by the gateway; the only place they are spelled. */
public final class Endpoints {
    /** Every typed command from every listener enters here. */
    public static final String CIRC_COMMAND = "direct:circ.command";
    /** Circulation events after commit: metrics and the optional external sink. */
    public static final String CIRC_EVENTS = "direct:circ.events";
    /** A {@code FederatedSearch.Query} in, a {@code FederatedSearch.Result} out. */
    public static final String FEDERATED_SEARCH = "direct:federated.search";
    /** One remote target of the federated search; the target name is appended. */
    public static final String FEDERATED_TARGET = "direct:federated.target.";

    private Endpoints() {
    }
}
