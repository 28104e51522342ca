package org.stackbridge.sip2.server;

/** Names of the handlers in a SIP2 channel pipeline, in order. */
public final class Sip2Pipeline {
    public static final String IDLE = "sip2-idle";
    public static final String LIMIT = "sip2-limit";
    public static final String TLS = "sip2-tls";
    public static final String FRAMER = "sip2-framer";
    public static final String DECODER = "sip2-decoder";
    public static final String ENCODER = "sip2-encoder";
    public static final String HANDLER = "sip2-handler";

    private Sip2Pipeline() {
    }
}
