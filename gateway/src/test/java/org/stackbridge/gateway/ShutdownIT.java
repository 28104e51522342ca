package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code serve} ends: SIGTERM while kiosks check out stops it cleanly (exit 143, every acknowledged checkout
 * stored), and a port already in use stops start-up at once with exit code 12 and the setting to change.
 */
class ShutdownIT {

    /** 128 + SIGTERM: the JVM's exit code after its shutdown hooks ran (documented in the README and the unit). */
    static final int EXIT_ON_SIGTERM = 143;

    @TempDir
    Path data;

    @Test
    @Timeout(300)
    void sigtermWhileCheckingOutFinishesInFlightCommandsAndExits143() throws Exception {
        Path config = CrashRecoveryIT.prepare(data, 4, 200);
        try (ServeProcess serve = ServeProcess.start(data.resolve("serve.log"), "serve", "--config", config.toString())) {
            Map<String, Integer> ports = serve.awaitPorts(data, Duration.ofSeconds(120));
            CrashRecoveryIT.Terminals terminals = CrashRecoveryIT.Terminals.start(ports.get("sip2"), 4, 200, 100);
            assertTrue(terminals.enough.await(120, TimeUnit.SECONDS), "checkouts were not acknowledged in time");

            serve.process().destroy(); // SIGTERM, with the terminals still sending
            assertTrue(serve.process().waitFor(60, TimeUnit.SECONDS), "stopped within 60 s of SIGTERM: " + serve.log());
            Map<String, String> acked = terminals.stop();

            assertEquals(EXIT_ON_SIGTERM, serve.process().exitValue(), serve.log());
            assertFalse(serve.log().contains(" ERROR "), serve.log());
            CrashRecoveryIT.assertAcknowledgedCheckoutsAreOpenLoans(config, data, acked, 4);
        }
    }

    @Test
    @Timeout(120)
    void aPortInUseStopsStartupWithItsSettingAndExitCode12() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServeProcess serve = ServeProcess.start(data.resolve("serve.log"), "serve", "--data", data.toString(),
                     "--set", "listeners.http-port=0", "--set", "listeners.sip2-port=" + taken.getLocalPort(),
                     "--set", "listeners.z3950-port=0")) {
            assertTrue(serve.process().waitFor(20, TimeUnit.SECONDS), "exited at once: " + serve.log());
            assertEquals(PortInUse.EXIT_CODE, serve.process().exitValue(), serve.log());
            String log = serve.log();
            assertTrue(log.contains("error: SIP2 port " + taken.getLocalPort() + " on 127.0.0.1 is already in use: stop the program using it"
                    + " or change listeners.sip2-port"), log);
            assertFalse(log.contains("Exception"), log);
        }
    }
}
