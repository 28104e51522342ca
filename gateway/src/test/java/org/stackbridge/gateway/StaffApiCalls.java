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
import org.junit.jupiter.api.AfterAll;

/**
 * Real HTTP calls to the staff API of the test's {@link #gateway} ({@code /api/v1} on its HTTP port), shared by the staff
 * API contracts: requests with a bearer token, answers read as JSON, and the checks every problem document must pass.
 */
abstract class StaffApiCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String text(String field) {
            return json.path(field).asText();
        }
    }

    Answer call(String method, String path, String token, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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

    Answer post(String path, String token, String body, String... headers) throws Exception {
        return call("POST", path, token, "application/json", body, headers);
    }

    Answer get(String path, String token) throws Exception {
        return call("GET", path, token, null, null);
    }

    Answer login(String login, String password) throws Exception {
        return post("/auth/login", null, JSON.writeValueAsString(java.util.Map.of("login", login, "password", password)));
    }

    String token(String login, String password) throws Exception {
        Answer a = login(login, password);
        assertEquals(200, a.status(), a.raw().body());
        return a.text("token");
    }

    /** A problem document of this status: its media type and members, and nothing about our internals. */
    static void problem(Answer a, int status) {
        assertEquals(status, a.status(), a.raw().body());
        assertEquals("application/problem+json", a.raw().headers().firstValue("Content-Type").orElse(""), a.raw().body());
        assertEquals(status, a.json().path("status").asInt(), a.raw().body());
        assertTrue(a.json().hasNonNull("type") && a.json().hasNonNull("title") && a.json().hasNonNull("detail"), a.raw().body());
        assertFalse(a.raw().body().contains("Exception") || a.raw().body().contains("org.stackbridge"), a.raw().body());
    }
}
