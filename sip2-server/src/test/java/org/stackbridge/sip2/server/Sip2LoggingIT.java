package org.stackbridge.sip2.server;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Logs carry the connection MDC and never a terminal password, login password or patron PIN. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Sip2LoggingIT {

    @Test
    void passwordsAndPinsNeverReachTheLog() throws Exception {
        Logger sip2 = (Logger) LoggerFactory.getLogger("org.stackbridge.sip2");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        sip2.addAppender(appender);
        try (Sip2TestServer t = new Sip2TestServer(); Sip2Client c = t.connect()) {
            Sip2Requests rq = t.requests("INST1");
            c.sendRaw("9300CNkiosk1|COwrong-Pa55word|");
            c.sendRaw("9300CNkiosk1|COsecret|CPMAIN|");
            c.sendRaw("2300120260115    100000AOINST1|AAP1|ACterm-Pa55|AD1234|");
            c.sendRaw("6300120260115    100000          AOINST1|AAP1|ACterm-Pa55|AD9876|");
            c.send(rq.checkout("P1", "I1", "1234"));
            c.sendRaw("11YN20260115    10000020260115    100000AOINST1|AAP1|ABI2|ACterm-Pa55|AD1234|AY9AZ0000");
        } finally {
            sip2.detachAppender(appender);
        }
        List<ILoggingEvent> events = appender.list;
        assertFalse(events.isEmpty());
        for (ILoggingEvent e : events) {
            String line = e.getFormattedMessage() + " " + e.getMDCPropertyMap();
            assertFalse(line.contains("Pa55"), line);
            assertFalse(line.contains("secret"), line);
            assertFalse(line.contains("1234"), line);
            assertFalse(line.contains("9876"), line);
        }
        ILoggingEvent login = events.stream().filter(e -> e.getFormattedMessage().contains("logged in")).findFirst().orElseThrow();
        assertEquals("sip2", login.getMDCPropertyMap().get("protocol"));
        assertEquals("kiosk1", login.getMDCPropertyMap().get("login"));
        assertEquals("127.0.0.1", login.getMDCPropertyMap().get("remote"));
        assertNotNull(login.getMDCPropertyMap().get("conn"));
    }
}
