package org.stackbridge.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the listeners expect a PROXY protocol header (v1 or v2, as HAProxy's {@code send-proxy-v2} sends) and from
 * which addresses they believe one. Off by default: a header is then never honoured. When on, a connection from a
 * trusted address must start with a header, and one from any other address is served as it is but refused if it
 * starts with a header (somebody trying to pass for another address).
 */
public final class ProxyProtocolPolicy {

    private static final ProxyProtocolPolicy OFF = new ProxyProtocolPolicy(false, List.of(), 0);

    private final boolean enabled;
    private final List<Network> trusted;
    private final long headerTimeoutMillis;

    private ProxyProtocolPolicy(boolean enabled, List<Network> trusted, long headerTimeoutMillis) {
        this.enabled = enabled;
        this.trusted = trusted;
        this.headerTimeoutMillis = headerTimeoutMillis;
    }

    public static ProxyProtocolPolicy off() {
        return OFF;
    }

    /**
     * @param trustedFrom addresses or networks ({@code 10.0.0.5}, {@code 10.0.0.0/24}, {@code ::1}) the header is believed from
     * @throws IllegalArgumentException naming the entry that is not an address or network
     */
    public static ProxyProtocolPolicy of(boolean enabled, List<String> trustedFrom, long headerTimeoutMillis) {
        if (!enabled) {
            return OFF;
        }
        List<Network> nets = new ArrayList<>();
        for (String entry : trustedFrom) {
            nets.add(Network.parse(entry));
        }
        if (nets.isEmpty()) {
            throw new IllegalArgumentException("the PROXY protocol is on but no address is trusted to send it");
        }
        if (headerTimeoutMillis <= 0) {
            throw new IllegalArgumentException("the PROXY header timeout must be positive");
        }
        return new ProxyProtocolPolicy(true, List.copyOf(nets), headerTimeoutMillis);
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean trusts(InetAddress address) {
        for (Network n : trusted) {
            if (n.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** How long a trusted peer may take to send its header before the connection is closed. */
    long headerTimeoutMillis() {
        return headerTimeoutMillis;
    }

    private record Network(byte[] prefix, int bits) {

        static Network parse(String entry) {
            String s = entry == null ? "" : entry.trim();
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(0, slash);
            // literal addresses only: a host name here would mean a DNS lookup per start and a trust that can move
            if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or network (for example 10.0.0.5 or 10.0.0.0/24)");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or network (for example 10.0.0.5 or 10.0.0.0/24)");
            }
            int bits = bytes.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0-" + bytes.length * 8);
                }
            }
            return new Network(bytes, bits);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (prefix[full] & mask);
        }
    }
}
