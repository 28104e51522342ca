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

/** A staff API client for gateway tests: real HTTP to {@code /api/v1} on the gateway's port, JSON answers, problem checks. */
final class StaffHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Gateway gateway;
    private final String password;

    StaffHttp(Gateway gateway, String password) {
        this.gateway = gateway;
        this.password = password;
    }

    /** An answer: status, the JSON body (null node when empty) and the raw response. */
    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String text(String field) {
            return json.path(field).asText();
        }

        /** The first invalid field a 400 names. */
        String field() {
            return json.path("errors").path(0).path("field").asText();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    Answer call(String method, String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r);
    }

    Answer get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    Answer post(String path, String token, String body, String... headers) throws Exception {
        return call("POST", path, token, body, headers);
    }

    Answer delete(String path, String token) throws Exception {
        return call("DELETE", path, token, null);
    }

    /** A bearer token for the login (every test account shares the password). */
    String token(String login) throws Exception {
        Answer a = post("/auth/login", null, JSON.writeValueAsString(Map.of("login", login, "password", password)));
        assertEquals(200, a.status(), a.raw().body());
        return a.text("token");
    }

    /** Asserts an RFC 9457 problem document with the status, free of stack traces. */
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
        assertEquals(field, a.field(), a.raw().body());
        return a;
    }

    /** A refusal with the engine's reason code. */
    static Answer refused(Answer a, int status, String reason) {
        problem(a, status);
        assertEquals(reason, a.text("reason"), a.raw().body());
        return a;
    }
}
