package org.stackbridge.z3950.server;

/** Names of the handlers in a Z39.50/SRU channel pipeline. */
public final class Z3950Pipeline {
    private Z3950Pipeline() {
    }

    public static final String LIMIT = "limit";
    public static final String INIT_TIMEOUT = "init-timeout";
    public static final String SNIFFER = "sniffer";
    public static final String IDLE = "idle";
    public static final String FRAMER = "ber-framer";
    public static final String DECODER = "z3950-decoder";
    public static final String ENCODER = "z3950-encoder";
    public static final String HANDLER = "association";
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String SRU = "sru";
}
