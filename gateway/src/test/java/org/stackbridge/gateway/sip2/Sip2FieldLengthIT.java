package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.sip2.spec.FieldCode.AB;
import static org.stackbridge.sip2.spec.FixedField.OK;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.message.Sip2Message;

/** Issue #14, field lengths: what we send is cut to 255 characters, or to the profile's max-field-length. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2FieldLengthIT {

    @TempDir
    Path data;

    @Test
    void echoedFieldsAreCutTo255CharactersOrTheProfilesLimit() throws Exception {
        String huge = "X".repeat(60_000);
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC),
                "sip2: {profiles: {short: {max-field-length: 40}}}")) {
            try (Sip2Client c = g.connect(Sip2Client.Options.plain())) {
                assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK));
                Sip2Message answer = c.send(g.rq.itemInformation(huge));
                assertEquals(255, answer.field(AB).length());
            }
            try (Sip2Client c = g.connect()) {
                assertEquals("1", c.send(g.rq.login("short", "short", "MAIN")).fixed(OK));
                assertEquals(40, c.send(g.rq.itemInformation(huge)).field(AB).length());
            }
        }
    }
}
