package org.stackbridge.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped text log patterns load without errors and keep each MDC field apart and every line one line. */
class LogPatternTest {

    @ParameterizedTest
    @ValueSource(strings = {"../conf/logback.xml", "src/main/resources/logback.xml"})
    void fieldsAreSeparatedAndControlBytesEscaped(String file) throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of(file).toFile());
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            assertTrue(s.getLevel() < Status.WARN, file + ": " + s);
        }
        OutputStreamAppender<?> appender = (OutputStreamAppender<?>) context.getLogger("ROOT").getAppender("STDOUT");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) appender.getEncoder();

        LoggingEvent event = new LoggingEvent("x", context.getLogger("org.stackbridge.sip2.Probe"), Level.WARN,
                "login refused for {}", null, new Object[] {"probe\r\n2026 INFO forged"});
        event.setMDCPropertyMap(Map.of("protocol", "sip2", "remote", "127.0.0.1:4711", "login", "probe"));
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertTrue(line.contains("[protocol=sip2 remote=127.0.0.1:4711 login=probe] - login refused for probe\\x0D\\x0A2026 INFO forged"), line);
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line: " + line);
        context.stop();
    }
}
