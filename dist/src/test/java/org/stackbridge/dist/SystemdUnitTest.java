package org.stackbridge.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The systemd unit shipped in conf/systemd: each setting the deployment guide promises, in its section. */
class SystemdUnitTest {

    @Test
    void unitSandboxesRestartsAndStopsCleanly() throws IOException {
        Map<String, List<String>> unit = parse(Path.of("src", "systemd", "stackbridge.service"));
        for (String setting : List.of("User=stackbridge", "ProtectSystem=strict", "ReadWritePaths=/var/lib/stackbridge",
                "LimitNOFILE=65536", "Restart=on-failure", "KillSignal=SIGTERM", "TimeoutStopSec=60", "SuccessExitStatus=143",
                "LogsDirectory=stackbridge")) {
            assertEquals(List.of(setting), unit.get("Service").stream().filter(l -> l.startsWith(setting.split("=")[0] + "=")).toList());
        }
        assertEquals(List.of("StartLimitIntervalSec=300", "StartLimitBurst=5"),
                unit.get("Unit").stream().filter(l -> l.startsWith("StartLimit")).toList(), "start limits belong to [Unit]");
        assertEquals(List.of("WantedBy=multi-user.target"), unit.get("Install"));
    }

    /** Section name to its setting lines, comments left out. */
    private static Map<String, List<String>> parse(Path file) throws IOException {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.startsWith("[") && l.endsWith("]")) {
                current = new ArrayList<>();
                sections.put(l.substring(1, l.length() - 1), current);
            } else if (!l.isEmpty() && !l.startsWith("#") && current != null) {
                current.add(l);
            }
        }
        return sections;
    }
}
