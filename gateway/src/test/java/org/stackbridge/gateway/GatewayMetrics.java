package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a counter the way an operator does: from the gateway's Prometheus endpoint {@code /metrics}. */
final class GatewayMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayMetrics() {
    }

    /** The value of {@code name} whose labels contain {@code label} (e.g. {@code connection="writer"}; "" for any). */
    static long counter(Gateway gateway, String name, String label) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.E+]+)$").matcher(r.body());
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return (long) Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + " {" + label + "} not in /metrics");
    }
}
