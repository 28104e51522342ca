package org.stackbridge.gateway;

import java.net.BindException;

/**
 * A listener could not bind because its port is taken (another gateway, or another program). The message names the
 * port and the setting to change; {@code bin/stackbridge} exits with {@link #EXIT_CODE}.
 */
public final class PortInUse extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exit code of {@code bin/stackbridge serve} and {@code demo} when a port is taken. */
    public static final int EXIT_CODE = 12;

    private final String setting;
    private final int port;

    public PortInUse(String what, String host, int port, String setting, Throwable cause) {
        super(what + " port " + port + " on " + host + " is already in use: stop the program using it or change " + setting, cause);
        this.setting = setting;
        this.port = port;
    }

    public String setting() {
        return setting;
    }

    public int port() {
        return port;
    }

    /** True when {@code e} (or a cause) is the operating system refusing the bind. */
    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getMessage() != null && t.getMessage().contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
