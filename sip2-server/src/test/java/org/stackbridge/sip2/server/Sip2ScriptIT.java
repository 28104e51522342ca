package org.stackbridge.sip2.server;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stackbridge.sip2.client.Sip2Client;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Runs C:/S: conversation scripts from golden/sip2 against the real listener; S: lines are regexes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Sip2ScriptIT {

    @ParameterizedTest
    @ValueSource(strings = {"selfcheck-session.txt"})
    void scriptRunsAsWritten(String name) throws IOException {
        String script;
        try (InputStream in = getClass().getResourceAsStream("/golden/sip2/" + name)) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Sip2TestServer t = new Sip2TestServer(); Sip2Client c = t.connect()) {
            String last = null;
            int lineNo = 0;
            java.util.List<String> mismatches = new java.util.ArrayList<>();
            for (String line : script.split("\n")) {
                lineNo++;
                if (line.startsWith("C: ")) {
                    last = c.sendRaw(line.substring(3));
                    // transcript in target/failsafe-reports/*-output.txt
                    System.out.println("C: " + line.substring(3) + "\nS: " + last);
                } else if (line.startsWith("S: ")) {
                    assertNotNull(last, name + ":" + lineNo + " S: without C:");
                    if (!Pattern.compile(line.substring(3)).matcher(last).matches()) {
                        mismatches.add(name + ":" + lineNo + " got: " + last);
                    }
                }
            }
            assertEquals(java.util.List.of(), mismatches);
        }
    }
}
