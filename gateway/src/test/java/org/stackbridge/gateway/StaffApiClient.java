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
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/** Calls the staff API of a test gateway over real HTTP and checks problem documents. */
final class StaffApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntSupplier port;

    StaffApiClient(IntSupplier port) {
        this.port = port;
    }

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String text(String field) {
            return json.path(field).asText();
        }

        /** The fields a 400 names. */
        String fields() {
            StringBuilder sb = new StringBuilder();
            json.path("errors").forEach(e -> sb.append(e.path("field").asText()).append(' '));
            return sb.toString().trim();
        }
    }

    Answer call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r);
    }

    Answer get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    Answer post(String path, String token, Object body) throws Exception {
        return call("POST", path, token, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    Answer patch(String path, String token, Object body) throws Exception {
        return call("PATCH", path, token, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    Answer put(String path, String token, Object body) throws Exception {
        return call("PUT", path, token, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    Answer delete(String path, String token) throws Exception {
        return call("DELETE", path, token, null);
    }

    /** A bearer token of {@code login}. */
    String token(String login, String password) throws Exception {
        Answer a = post("/auth/login", null, Map.of("login", login, "password", password));
        assertEquals(200, a.status(), a.raw().body());
        return a.text("token");
    }

    static Answer ok(Answer a, int status) {
        assertEquals(status, a.status(), a.raw().body());
        return a;
    }

    /** A problem document of {@code status}, without internals. */
    static Answer problem(Answer a, int status) {
        assertEquals(status, a.status(), a.raw().body());
        assertEquals("application/problem+json", a.raw().headers().firstValue("Content-Type").orElse(""), a.raw().body());
        assertTrue(a.json().hasNonNull("detail"), a.raw().body());
        assertFalse(a.raw().body().contains("Exception") || a.raw().body().contains("org.stackbridge"), a.raw().body());
        return a;
    }

    /** A 400 naming {@code field}. */
    static Answer invalid(Answer a, String field) {
        problem(a, 400);
        assertTrue((" " + a.fields() + " ").contains(" " + field + " "), "expected " + field + " named: " + a.raw().body());
        return a;
    }
}
