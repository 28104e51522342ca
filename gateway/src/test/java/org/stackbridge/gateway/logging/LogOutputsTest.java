package org.stackbridge.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code conf/logback.xml}'s optional outputs: a rolling file (by size and days) and syslog, each switched
 * on by its variable, and standard output switched off; with none of them set, only standard output.
 */
class LogOutputsTest {

    private static final Path CONF = Path.of("../conf/logback.xml");

    @TempDir
    Path dir;

    private static LoggerContext configure(Map<String, String> properties) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONF.toFile());
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            assertTrue(s.getLevel() < Status.WARN, CONF + ": " + s);
        }
        return context;
    }

    @Test
    void withNothingSetOnlyStandardOutput() throws Exception {
        LoggerContext context = configure(Map.of());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertNotNull(root.getAppender("STDOUT"));
        assertNull(root.getAppender("FILE"));
        assertNull(root.getAppender("SYSLOG"));
        context.stop();
    }

    @Test
    void aRollingFileBySizeAndDays() throws Exception {
        Path file = dir.resolve("logs").resolve("stackbridge.log");
        LoggerContext context = configure(Map.of("STACKBRIDGE_LOG_FILE", file.toString(), "STACKBRIDGE_LOG_FILE_MAX_SIZE", "10MB",
                "STACKBRIDGE_LOG_FILE_DAYS", "14", "STACKBRIDGE_LOG_CONSOLE", "false"));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertNull(root.getAppender("STDOUT"), "STACKBRIDGE_LOG_CONSOLE=false leaves standard output out");
        RollingFileAppender<?> appender = assertInstanceOf(RollingFileAppender.class, root.getAppender("FILE"));
        SizeAndTimeBasedRollingPolicy<?> policy = assertInstanceOf(SizeAndTimeBasedRollingPolicy.class, appender.getRollingPolicy());
        assertEquals(14, policy.getMaxHistory());
        assertEquals(file + ".%d{yyyy-MM-dd}.%i.gz", policy.getFileNamePattern());

        context.getMDCAdapter().put("protocol", "sip2");
        try {
            context.getLogger("org.stackbridge.sip2.Probe").warn("login refused for {}", "kiosk1");
        } finally {
            context.getMDCAdapter().clear();
        }
        context.stop();
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(written.matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} WARN  \\[[^]]+\\] o\\.stackbridge\\.sip2\\.Probe \\[protocol=sip2\\]"
                + " - login refused for kiosk1\n"), written);
    }

    @Test
    @Timeout(30)
    void syslogOverUdp() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            LoggerContext context = configure(Map.of("STACKBRIDGE_LOG_SYSLOG_HOST", "127.0.0.1",
                    "STACKBRIDGE_LOG_SYSLOG_PORT", Integer.toString(server.getLocalPort()), "STACKBRIDGE_LOG_SYSLOG_FACILITY", "LOCAL0"));
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertNotNull(root.getAppender("STDOUT"));
            assertInstanceOf(SyslogAppender.class, root.getAppender("SYSLOG"));
            context.getLogger("org.stackbridge.gateway.Gateway").error("database unreachable");
            DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
            try {
                server.receive(packet);
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("no syslog line: " + context.getStatusManager().getCopyOfStatusList(), e);
            }
            String line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            // <PRI> = facility LOCAL0 (16) * 8 + severity error (3) = 131
            assertTrue(line.startsWith("<131>"), line);
            assertTrue(line.endsWith("stackbridge: ERROR [" + Thread.currentThread().getName() + "] o.s.gateway.Gateway [] - database unreachable"), line);
            context.stop();
        }
    }
}
