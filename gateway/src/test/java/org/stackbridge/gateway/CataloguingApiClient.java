package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/** A staff API client for gateway tests: calls over real HTTP, logins, and the checks every problem document passes. */
final class CataloguingApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntSupplier port;
    private final String password;

    /** {@code port} is asked on every call (the gateway starts after the client is made). */
    CataloguingApiClient(IntSupplier port, String password) {
        this.port = port;
        this.password = password;
    }

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String text(String field) {
            return json.path(field).asText();
        }

        /** Whether the problem's {@code errors} name {@code field}. */
        boolean names(String field) {
            for (JsonNode e : json.path("errors")) {
                if (e.path("field").asText().equals(field)) {
                    return true;
                }
            }
            return false;
        }
    }

    Answer call(String method, String path, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r);
    }

    Answer json(String method, String path, String token, String body) throws Exception {
        return call(method, path, token, "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String path, String token) throws Exception {
        return call("GET", path, token, null, null);
    }

    String token(String login) throws Exception {
        Answer a = json("POST", "/auth/login", null, JSON.writeValueAsString(Map.of("login", login, "password", password)));
        assertEquals(200, a.status(), a.raw().body());
        return a.text("token");
    }

    /** The answer is a problem document of {@code status} that leaks no internals. */
    static void problem(Answer a, int status) {
        assertEquals(status, a.status(), a.raw().body());
        assertEquals("application/problem+json", a.raw().headers().firstValue("Content-Type").orElse(""), a.raw().body());
        assertEquals(status, a.json().path("status").asInt(), a.raw().body());
        assertTrue(a.json().hasNonNull("type") && a.json().hasNonNull("title") && a.json().hasNonNull("detail"), a.raw().body());
        assertFalse(a.raw().body().contains("Exception") || a.raw().body().contains("org.stackbridge"), a.raw().body());
    }
}
