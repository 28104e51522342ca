package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.testing.Await;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.gateway.admin.BuildInfo;

/**
 * {@code /health/live} and {@code /health/ready}: ready names each check and the reason it is not ready (a listener not
 * bound, the catalogue index closed, start-up work pending), and answers within a second even when the database hangs
 * (a real PostgreSQL whose processes are stopped with SIGSTOP, so connections stay open and reads never return).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Gateway gateway;
    private EmbeddedPostgres postgres;
    private long stoppedPostmaster;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws Exception {
        if (stoppedPostmaster > 0) {
            signal("-CONT", stoppedPostmaster);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void readyNamesEachCheckAndWhatIsNotReady() throws Exception {
        gateway = TestGateways.start(dir, clock, "libraries:", "  - {code: MAIN, name: Main Library}");

        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("UP", json(live).path("status").asText());
        assertEquals(BuildInfo.current().commit(), json(live).path("commit").asText());

        JsonNode ready = assertReady(200);
        for (String check : List.of("listeners", "database", "catalogue_index", "startup")) {
            assertEquals("UP", ready.path("checks").path(check).asText(), check + " in " + ready);
        }
        assertEquals(BuildInfo.current().version(), ready.path("version").asText());

        // start-up work still running (the demo library loading): not ready, and says why
        gateway.startupTasks().begin("demo data");
        JsonNode loading = assertReady(503);
        assertEquals("startup: PENDING: demo data", loading.path("reason").asText(), loading.toString());
        gateway.startupTasks().done("demo data");
        assertReady(200);

        // a listener that is not bound
        gateway.sip2().close();
        JsonNode noSip2 = assertReady(503);
        assertEquals("listeners: DOWN: not bound: SIP2", noSip2.path("reason").asText(), noSip2.toString());
        assertEquals("UP", noSip2.path("checks").path("database").asText());

        // the catalogue index closed (Lucene closes its writer itself after a disk failure)
        gateway.catalogue().index().close();
        JsonNode noIndex = assertReady(503);
        assertTrue(noIndex.path("reason").asText().contains("catalogue_index: DOWN: closed"), noIndex.toString());

        // liveness is only "the process answers"
        assertEquals(200, get("/health/live").statusCode());
    }

    @Test
    void readyAnswersWithinASecondWhileTheDatabaseHangsAndRecoversWhenItResumes() throws Exception {
        int pgPort;
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        Path pgData = dir.resolve("pg");
        postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(pgPort).start();
        gateway = TestGateways.start(dir, clock,
                "libraries:", "  - {code: MAIN, name: Main Library}",
                "database:",
                "  url: jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "  user: postgres",
                "  password: postgres",
                "engine: {maintenance-minutes: 0}");
        assertReady(200);

        // freeze PostgreSQL: the postmaster and every backend; open connections stay open and reads never return
        stoppedPostmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip());
        freeze(stoppedPostmaster);

        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get("/health/ready");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 1000, "/health/ready answered after " + ms + " ms with the database hanging");
            assertEquals(503, r.statusCode(), r.body());
            String reason = json(r).path("reason").asText();
            assertTrue(reason.startsWith("database: DOWN: "), r.body());
            assertTrue(reason.contains("no answer within") || reason.contains("circuit open") || reason.contains("read failed"), r.body());
            assertEquals("UP", json(r).path("checks").path("listeners").asText(), r.body());
        }
        long t0 = System.nanoTime();
        assertEquals(200, get("/health/live").statusCode());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 1000, "/health/live is fast with the database hanging");

        signal("-CONT", stoppedPostmaster);
        stoppedPostmaster = 0;
        Await.until(Duration.ofSeconds(90), () -> {
            try {
                return get("/health/ready").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, "ready again once PostgreSQL resumes");
    }

    private JsonNode assertReady(int status) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = get("/health/ready");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 1000, "answered after " + ms + " ms");
        assertEquals(status, r.statusCode(), r.body());
        return json(r);
    }

    /**
     * Stops the postmaster first and waits until it is stopped, so it can fork no new backend (the connection pool may
     * be opening one right now), then stops every backend it has. Signalling a list taken beforehand missed a backend
     * forked meanwhile once, and that backend answered the readiness read.
     */
    private static void freeze(long postmaster) throws Exception {
        assertEquals(0, kill("-STOP", List.of(postmaster)));
        Await.until(Duration.ofSeconds(10), () -> stopped(postmaster), "the postmaster stopped");
        List<Long> backends = ProcessHandle.of(postmaster).map(p -> p.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
        // the exit status is not asked: a backend that ended meanwhile (an autovacuum worker) needs no stopping
        kill("-STOP", backends);
        Await.until(Duration.ofSeconds(10), () -> backends.stream().allMatch(HealthIT::stopped), "every backend stopped");
    }

    /** Whether /proc says the process is stopped (state T), or it is gone. */
    private static boolean stopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the state follows the command name, which is in parentheses and may itself contain spaces
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
        } catch (IOException gone) {
            return true;
        }
    }

    /** Sends a signal to a process and all its descendants (PostgreSQL's backends are the postmaster's children). */
    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        List<Long> tree = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> tree.add(d.pid())));
        assertEquals(0, kill(signal, tree));
    }

    /** Runs {@code kill} on the processes; its exit status (0 when every process got the signal). */
    private static int kill(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return 0;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        kill.getInputStream().readAllBytes();
        return kill.exitValue();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
