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

/**
 * The one staff API client of the gateway tests: real HTTP to {@code /api/v1} on the test gateway's port, bearer
 * tokens, JSON answers, and the checks every problem document must pass (RFC 9457 members, nothing about our
 * internals).
 */
final class StaffApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntSupplier port;
    private final String password;

    /** {@code port} is asked on every call (the gateway may start after the client is made). */
    StaffApiClient(IntSupplier port) {
        this(port, null);
    }

    /** {@code password}: the one every test account of the class shares, for {@link #token(String)}. */
    StaffApiClient(IntSupplier port, String password) {
        this.port = port;
        this.password = password;
    }

    /** An answer: status, the JSON body (null node when empty) and the raw response. */
    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String text(String field) {
            return json.path(field).asText();
        }

        /** The fields a 400 names, space-separated. */
        String fields() {
            StringBuilder sb = new StringBuilder();
            json.path("errors").forEach(e -> sb.append(e.path("field").asText()).append(' '));
            return sb.toString().trim();
        }

        /** The first invalid field a 400 names. */
        String field() {
            return json.path("errors").path(0).path("field").asText();
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

        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    /** Any request: a body of {@code contentType} (none when null) and extra headers as name, value pairs. */
    Answer send(String method, String path, String token, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r);
    }

    /** As {@link #send(String, String, String, String, byte[], String...)} with a text body. */
    Answer send(String method, String path, String token, String contentType, String body, String... headers) throws Exception {
        return send(method, path, token, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A request with a JSON body (none when null). */
    Answer call(String method, String path, String token, String body, String... headers) throws Exception {
        return send(method, path, token, body == null ? null : "application/json", body, headers);
    }

    /** As {@link #call}: a JSON request. */
    Answer json(String method, String path, String token, String body) throws Exception {
        return call(method, path, token, body);
    }

    Answer get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    /** {@code body}: JSON text as is, null for none, anything else written as JSON. */
    Answer post(String path, String token, Object body, String... headers) throws Exception {
        return call("POST", path, token, body(body), headers);
    }

    Answer patch(String path, String token, Object body) throws Exception {
        return call("PATCH", path, token, body(body));
    }

    Answer put(String path, String token, Object body) throws Exception {
        return call("PUT", path, token, body(body));
    }

    Answer delete(String path, String token) throws Exception {
        return call("DELETE", path, token, null);
    }

    private static String body(Object body) throws Exception {
        return body == null || body instanceof String ? (String) body : JSON.writeValueAsString(body);
    }

    /** The answer to a login. */
    Answer login(String login, String password) throws Exception {
        return post("/auth/login", null, Map.of("login", login, "password", password));
    }

    /** A bearer token of {@code login}. */
    String token(String login, String password) throws Exception {
        Answer a = login(login, password);
        assertEquals(200, a.status(), a.raw().body());
        return a.text("token");
    }

    /** A bearer token of {@code login} with the password the test accounts share. */
    String token(String login) throws Exception {
        return token(login, password);
    }

    static Answer ok(Answer a, int status) {
        assertEquals(status, a.status(), a.raw().body());
        return a;
    }

    /** A problem document of {@code status}: its media type and members, and nothing about our internals. */
    static Answer problem(Answer a, int status) {
        assertEquals(status, a.status(), a.raw().body());
        assertEquals("application/problem+json", a.header("Content-Type"), a.raw().body());
        assertEquals(status, a.json().path("status").asInt(), a.raw().body());
        assertTrue(a.json().hasNonNull("type") && a.json().hasNonNull("title") && a.json().hasNonNull("detail"), a.raw().body());
        assertFalse(a.raw().body().contains("Exception") || a.raw().body().contains("org.stackbridge"), a.raw().body());
        return a;
    }

    /** A 400 naming {@code field}. */
    static Answer invalid(Answer a, String field) {
        problem(a, 400);
        assertTrue(a.names(field), "expected " + field + " named: " + a.raw().body());
        return a;
    }

    /** A refusal with the engine's reason code. */
    static Answer refused(Answer a, int status, String reason) {
        problem(a, status);
        assertEquals(reason, a.text("reason"), a.raw().body());
        return a;
    }
}
