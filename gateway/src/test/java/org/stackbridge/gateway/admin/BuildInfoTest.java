package org.stackbridge.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.stackbridge.gateway.PortInUse;
import org.stackbridge.gateway.cli.StackbridgeCli;

/** The version resource is filled in by the build, and {@code --version} prints it. */
class BuildInfoTest {

    @Test
    void versionAndBuildTimeComeFromTheBuild() {
        BuildInfo info = BuildInfo.current();
        assertTrue(info.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), info.version());
        assertTrue(info.build().matches("built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), info.build());
    }

    @Test
    void versionFlagPrintsNameVersionAndBuild() {
        StringWriter out = new StringWriter();
        int code = StackbridgeCli.run(new PrintWriter(out, true), null, "--version");
        assertEquals(0, code);
        assertEquals("stackbridge " + BuildInfo.current().version() + " (" + BuildInfo.current().build() + ")", out.toString().strip());
    }

    @Test
    void helpListsTheExitCodes() {
        StringWriter out = new StringWriter();
        assertEquals(0, StackbridgeCli.run(new PrintWriter(out, true), null, "--help"));
        String help = out.toString();
        assertTrue(help.contains("Exit codes:"), help);
        assertTrue(help.matches("(?s).*\\s" + PortInUse.EXIT_CODE + "\\s+a listener port is already in use.*"), help);
        assertTrue(help.matches("(?s).*\\s3\\s+configuration error.*"), help);
        assertTrue(help.matches("(?s).*\\s143\\s+serve, demo: stopped by SIGTERM.*"), help);
    }
}
