package org.stackbridge.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.stackbridge.gateway.config.ConfigLoader;

/** Starts a gateway for a test: the YAML lines become its config file, and every listener takes a free port. */
public final class TestGateways {

    private TestGateways() {
    }

    public static Gateway start(Path data, Clock clock, String... yamlLines) throws Exception {
        Path config = data.resolve("stackbridge.yaml");
        Files.writeString(config, String.join("\n", yamlLines) + "\n");
        ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of(),
                List.of("data-dir=" + data, "listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0"));
        return new Gateway(loaded, clock).start();
    }
}
