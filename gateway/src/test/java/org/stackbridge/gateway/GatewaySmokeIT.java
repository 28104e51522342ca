package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.gateway.admin.BuildInfo;
import org.stackbridge.gateway.config.ConfigLoader;

/** Boots the real wiring (storage, engine, camel-main, HTTP) on ephemeral ports. */
@Timeout(120)
class GatewaySmokeIT {

    @TempDir
    Path data;
    Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        ConfigLoader.Loaded loaded = new ConfigLoader().load(Path.of("..", "conf", "stackbridge.yaml"), Map.of(),
                List.of("data-dir=" + data, "listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0",
                        "listeners.admin-token=s3cret"));
        gateway = new Gateway(loaded, Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC)).start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthMetricsAndApiAnswer() throws Exception {
        HttpResponse<String> health = get("/health", null);
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("\"version\":\"" + BuildInfo.current().version() + "\""), health.body());
        assertTrue(health.body().contains("\"build\":\"built 20"), health.body());

        HttpResponse<String> unknown = get("/api/patrons/NOBODY", "s3cret");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("UNKNOWN_PATRON"));

        HttpResponse<String> denied = get("/api/patrons/NOBODY", null);
        assertEquals(401, denied.statusCode());

        HttpResponse<String> metrics = get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("stackbridge_operation_seconds_count{application=\"stackbridge\",command=\"LookupPatron\",outcome=\"unknown_patron\"}"),
                metrics.body());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"));

        assertEquals(404, get("/nothing-here", null).statusCode());
    }
}
