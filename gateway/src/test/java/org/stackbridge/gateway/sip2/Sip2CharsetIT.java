package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.sip2.spec.FieldCode.AJ;
import static org.stackbridge.sip2.spec.FixedField.OK;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.codec.Sip2Charset;

/**
 * Issue #14, accents: titles stored decomposed (e + combining grave) go out composed in single-byte charsets; only
 * what the charset lacks is transliterated (IBM850 and Latin-1 have ó but neither Ł nor ź).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2CharsetIT {

    @TempDir
    Path data;

    @ParameterizedTest
    @CsvSource({"ibm, IBM850", "latin, ISO_8859_1"})
    void decomposedTitlesAreComposedAndOnlyMissingCharactersTransliterated(String login, Sip2Charset charset) throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC),
                "sip2: {profiles: {ibm850: {charset: IBM850}, latin1: {charset: ISO-8859-1}}}");
             Sip2Client c = g.connect(Sip2Client.Options.plain().withCharset(charset))) {
            assertEquals("1", c.send(g.rq.login(login, login, "MAIN")).fixed(OK));
            assertEquals("Le Piège de Bogota", c.send(g.rq.itemInformation("ACC")).field(AJ));
            assertEquals("Lódz", c.send(g.rq.itemInformation("POL")).field(AJ));
        }
    }
}
