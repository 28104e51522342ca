package org.stackbridge.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The address of the client at the other end of a connection: the one a trusted proxy named in its PROXY header, or
 * else the peer's. Throttling, terminal monitoring, allow-lists and logs use this, never the raw remote address.
 */
public final class ClientAddress {

    static final AttributeKey<InetSocketAddress> PROXIED = AttributeKey.valueOf("stackbridge.proxied-client");

    private ClientAddress() {
    }

    /** The client's socket address; null only for a channel that has none (e.g. an embedded channel). */
    public static InetSocketAddress of(Channel channel) {
        InetSocketAddress proxied = channel.attr(PROXIED).get();
        if (proxied != null) {
            return proxied;
        }
        SocketAddress remote = channel.remoteAddress();
        return remote instanceof InetSocketAddress isa ? isa : null;
    }

    /** The client's IP address, or the loopback address for a channel without one. */
    public static InetAddress addressOf(Channel channel) {
        InetSocketAddress a = of(channel);
        return a == null || a.getAddress() == null ? InetAddress.getLoopbackAddress() : a.getAddress();
    }

    /** The client's IP address as text, as logs and the terminal monitor show it. */
    public static String hostOf(Channel channel) {
        InetSocketAddress a = of(channel);
        if (a == null) {
            return String.valueOf(channel.remoteAddress());
        }
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }
}
