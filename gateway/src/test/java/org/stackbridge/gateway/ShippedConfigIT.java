package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.Library;
import org.stackbridge.gateway.config.ConfigLoader;

/** The shipped {@code conf/stackbridge.yaml} has examples only as comments: a fresh data directory gets no libraries. */
@Timeout(120)
class ShippedConfigIT {

    @TempDir
    Path data;

    @Test
    void aFreshServeWithTheShippedConfigurationCreatesNoLibraries() throws Exception {
        ConfigLoader.Loaded loaded = new ConfigLoader().load(Path.of("..", "conf", "stackbridge.yaml"), Map.of(),
                List.of("data-dir=" + data, "listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0"));
        try (Gateway gateway = new Gateway(loaded, Clock.systemUTC()).start()) {
            List<Library> libraries = gateway.storage().read(tx -> tx.libraries().all()).join();
            assertEquals(List.of(), libraries.stream().map(Library::code).toList(), "no EAST, no MAIN: the samples are comments");
        }
    }
}
