package org.stackbridge.core.port;

import java.util.Set;

/**
 * The per-agency NCIP trace switches of this node, kept by the NCIP listener; switched by the staff API, the command
 * line and the console. A traced agency's requests and answers are logged with secrets masked.
 */
public interface AgencyTraces {

    /** The configured partner agency ids, sorted: what can be traced. Never blocks. */
    Set<String> agencies();

    /** The agency ids traced on this node now, sorted. Never blocks. */
    Set<String> traced();

    /**
     * Switches the trace of one agency on or off on this node; returns whether it was on before.
     *
     * @throws IllegalArgumentException when no such agency is configured (and the listener does not admit unknown ones)
     * @throws IllegalStateException    when no NCIP listener runs here, or too many agencies are traced already
     */
    boolean trace(String agency, boolean on);

    /** No NCIP listener: nothing is traced, and switching a trace on says so. */
    static AgencyTraces none() {
        return new AgencyTraces() {
            @Override
            public Set<String> agencies() {
                return Set.of();
            }

            @Override
            public Set<String> traced() {
                return Set.of();
            }

            @Override
            public boolean trace(String agency, boolean on) {
                throw new IllegalStateException("no NCIP listener runs here");
            }
        };
    }
}
