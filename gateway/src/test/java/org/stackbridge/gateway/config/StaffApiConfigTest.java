package org.stackbridge.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.staff.StaffApiSettings;

/** The {@code staff-api:} section: defaults, binding, and out-of-range values named with file, line and key. */
class StaffApiConfigTest {

    @TempDir
    Path dir;

    private ConfigLoader.Loaded load(String yaml) throws IOException {
        Path f = dir.resolve("stackbridge.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader().load(f, Map.of(), List.of());
    }

    @Test
    void anEmptyFileGivesTheDefaults() {
        StaffApiSettings s = new ConfigLoader().load(null, Map.of(), List.of()).config().staffApi();
        assertEquals(480, s.tokenLifetimeMinutes());
        assertEquals(1 << 20, s.maxBodyBytes());
        assertEquals(5, s.maxFailedLogins());
        assertEquals(5, s.lockMinutes());
    }

    @Test
    void theSectionBindsWithKebabCaseKeys() throws IOException {
        StaffApiSettings s = load("staff-api:\n  token-lifetime-minutes: 60\n  max-body-bytes: 4096\n  max-failed-logins: 3\n"
                + "  lock-minutes: 15\n  max-sessions: 100\n  worker-threads: 2\n").config().staffApi();
        assertEquals(new StaffApiSettings(60, 4096, 3, 15, 100, 2), s);
    }

    @Test
    void outOfRangeAndUnknownSettingsAreRefusedWithTheirKey() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load("staff-api:\n  lock-minutes: 1\n  token-lifetime-minutes: 0\n"));
        assertEquals("staff-api.token-lifetime-minutes", e.key());
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.problem().contains("between 1 and 10080"), e.problem());
        ConfigException unknown = assertThrows(ConfigException.class, () -> load("staff-api:\n  token-lifetime: 5\n"));
        assertTrue(unknown.problem().contains("token-lifetime"), unknown.problem());
    }
}
