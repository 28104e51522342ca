package org.stackbridge.gateway.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/** A path on the gateway's HTTP port (NCIP, SRU, admin API). Must not block the calling event loop. */
@FunctionalInterface
public interface HttpEndpoint {
    CompletionStage<FullHttpResponse> handle(FullHttpRequest request, InetSocketAddress remote);
}
