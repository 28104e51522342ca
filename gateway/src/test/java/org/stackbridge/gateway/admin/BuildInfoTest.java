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
        // built from this git checkout: the abbreviated commit (or "unknown" when built without .git or git)
        assertTrue(info.commit().matches("[0-9a-f]{12}|unknown"), info.commit());
    }

    @Test
    void placeholdersTheBuildCouldNotFillReadAsUnknown() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("version", "1.2.3");
        p.setProperty("build", "built 2026-12-07T10:00:00Z");
        p.setProperty("commit", "${git.commit.id.abbrev}");
        assertEquals(new BuildInfo("1.2.3", "built 2026-12-07T10:00:00Z", "unknown"), BuildInfo.of(p));
        p.setProperty("commit", "27aea49d36d8");
        p.setProperty("build", "built ${stackbridge.build-time}");
        assertEquals("stackbridge 1.2.3 (commit 27aea49d36d8, unknown build)", BuildInfo.of(p).describe());
    }

    @Test
    void versionFlagPrintsNameVersionAndBuild() {
        StringWriter out = new StringWriter();
        int code = StackbridgeCli.run(new PrintWriter(out, true), null, "--version");
        assertEquals(0, code);
        BuildInfo info = BuildInfo.current();
        assertEquals("stackbridge " + info.version() + " (commit " + info.commit() + ", " + info.build() + ")", out.toString().strip());
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
