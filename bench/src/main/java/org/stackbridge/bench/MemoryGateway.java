package org.stackbridge.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.stackbridge.adapter.memory.InMemoryStore;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.config.ConfigLoader;

/**
 * The whole gateway (listeners, Camel routes, engine) on the in-memory store: nothing is durable. Not a
 * product mode, a yardstick: {@code Sip2GatewayBench --backends memory} runs it to show what the rest of the
 * pipeline costs without any storage, next to the durable backends.
 *
 * <pre>java -cp ... org.stackbridge.bench.MemoryGateway &lt;config.yaml&gt; &lt;connections to seed&gt;</pre>
 */
public final class MemoryGateway {

    private MemoryGateway() {
    }

    public static void main(String[] args) throws Exception {
        ConfigLoader.Loaded loaded = new ConfigLoader().load(Path.of(args[0]), Map.of(), List.of());
        InMemoryStore store = new InMemoryStore();
        Sip2GatewayBench.seed(store, Integer.parseInt(args[1]));
        Gateway gateway = new Gateway(loaded, Clock.systemUTC(), cfg -> store).start();
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        Thread.currentThread().join();
    }
}
