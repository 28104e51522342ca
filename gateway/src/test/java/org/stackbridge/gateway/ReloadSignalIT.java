package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.Await;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * {@code serve} in a process of its own reloads its configuration on a real SIGHUP ({@code kill -HUP}) and on
 * {@code bin/stackbridge reload} (a second process that goes through the running gateway), and keeps serving: a kiosk
 * connected before stays logged in, a new account logs in, a bad file changes nothing and the process goes on; SIGTERM
 * still stops it cleanly afterwards (exit 143).
 */
class ReloadSignalIT {

    private static final String HASH = new SecretHasher(1_000).hash("pw");

    @TempDir
    Path dir;

    private Path config;

    private void write(String... logins) throws Exception {
        List<String> lines = new ArrayList<>(List.of("data-dir: " + dir.resolve("data"), "libraries: [{code: MAIN, name: Main Library}]",
                "security: {hash-iterations: 1000}", "engine: {maintenance-minutes: 0}", "sip2-accounts:"));
        for (String login : logins) {
            lines.add("  - {login: " + login + ", password-hash: \"" + HASH + "\", institution: MAIN}");
        }
        Files.writeString(config, String.join("\n", lines) + "\n");
    }

    private static String login(int port, String login) throws Exception {
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", port)) {
            return c.send(new Sip2Requests(Clock.systemUTC(), "MAIN").login(login, "pw", "MAIN")).fixed(FixedField.OK);
        }
    }

    private static void hangup(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -HUP");
    }

    private static String[] with(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    @Timeout(300)
    void sighupAndTheReloadCommandReloadARunningServeProcessWhichKeepsServing() throws Exception {
        config = dir.resolve("stackbridge.yaml");
        write("kiosk1");
        String[] common = {"--config", config.toString(), "--set", "listeners.http-port=0", "--set", "listeners.sip2-port=0",
            "--set", "listeners.z3950-port=0"};
        try (ServeProcess serve = ServeProcess.start(dir.resolve("serve.log"), with("serve", common))) {
            Map<String, Integer> ports = serve.awaitPorts(dir.resolve("data"), Duration.ofSeconds(120));
            int sip2 = ports.get("sip2");
            Sip2Requests rq = new Sip2Requests(Clock.systemUTC(), "MAIN");
            try (Sip2Client kiosk1 = Sip2Client.connect("127.0.0.1", sip2)) {
                assertEquals("1", kiosk1.send(rq.login("kiosk1", "pw", "MAIN")).fixed(FixedField.OK));
                assertEquals("0", login(sip2, "kiosk2"), "not configured yet");

                write("kiosk1", "kiosk2");
                hangup(serve.process());
                Await.until(Duration.ofSeconds(60), () -> serve.log().contains("sip2-accounts: added kiosk2"), "the SIGHUP reload");
                assertEquals("1", login(sip2, "kiosk2"), "the account added by the SIGHUP reload logs in");
                assertTrue(serve.process().isAlive(), "HUP did not stop the process: " + serve.log());

                Files.writeString(config, Files.readString(config) + "sip2-accounts: []\n");
                hangup(serve.process());
                Await.until(Duration.ofSeconds(60), () -> serve.log().contains("configuration reload refused, nothing changed: " + config
                        + ":8: sip2-accounts: given twice"), "the refused SIGHUP reload logged with file and line");
                assertEquals("1", login(sip2, "kiosk2"), "a refused file changed nothing");

                write("kiosk1", "kiosk3");
                try (ServeProcess reload = ServeProcess.start(dir.resolve("reload.log"), with("reload", common))) {
                    assertTrue(reload.process().waitFor(120, TimeUnit.SECONDS), "reload ended: " + reload.log());
                    assertEquals(0, reload.process().exitValue(), reload.log());
                    assertTrue(reload.log().contains("sip2-accounts: added kiosk3"), reload.log());
                    assertTrue(reload.log().contains("sip2-accounts: disabled kiosk2"), reload.log());
                }
                assertEquals("1", login(sip2, "kiosk3"), "the account added by bin/stackbridge reload logs in");
                assertEquals("0", login(sip2, "kiosk2"), "the removed account is refused");

                // the kiosk connected before every reload is still logged in on the same connection
                // (a 98 names the terminal's location only when it is logged in)
                assertEquals("MAIN", kiosk1.send(rq.scStatus()).field(FieldCode.AN));
            }
            serve.process().destroy();
            assertTrue(serve.process().waitFor(60, TimeUnit.SECONDS), serve.log());
            assertEquals(ShutdownIT.EXIT_ON_SIGTERM, serve.process().exitValue(), serve.log());
        }
    }
}
