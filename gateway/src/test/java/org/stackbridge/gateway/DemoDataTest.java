package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.demo.DemoData;

/** The demo brings its own libraries and rules: it does not depend on the samples in the shipped configuration. */
class DemoDataTest {

    @Test
    void theDemoHasTheReadmesLibrariesAndRules(@TempDir Path dir) {
        GatewayConfig demo = DemoData.config(dir, new SecretHasher(1_000));
        assertEquals(List.of("MAIN", "EAST", "NORTH"), demo.libraries().stream().map(GatewayConfig.LibraryConfig::code).toList());
        GatewayConfig.LibraryConfig main = demo.libraries().get(0);
        assertTrue(main.closedWeekdays().contains("SUNDAY"), "a due date on a closed Sunday moves to Monday");
        assertEquals("MAIN", demo.libraries().get(1).institution(), "EAST is a branch of MAIN");
        assertEquals("NORTH", demo.libraries().get(2).institution(), "NORTH is an institution of its own");
        assertTrue(demo.policies().stream().anyMatch(r -> "DVD".equals(r.itemType()) && r.loanPeriod() == 7), "DVDs go out for 7 days");
        assertTrue(demo.policies().stream().anyMatch(r -> "REFERENCE".equals(r.itemType()) && r.loanPeriod() == 0), "reference does not circulate");
        assertTrue(demo.policies().stream().anyMatch(r -> "DVD".equals(r.itemType()) && List.of(1, 7, 14).equals(r.overdueNoticeDays())),
                "DVD overdue notices come sooner");
    }

    @Test
    void theDemoWritesEmailNoticesToTheMailFolderOfItsDataDirectory(@TempDir Path dir) {
        GatewayConfig demo = DemoData.config(dir, new SecretHasher(1_000));
        assertTrue(demo.notices().mailsToFolder(), "no SMTP host in the demo: mail goes to a folder");
        var loaded = new org.stackbridge.gateway.config.ConfigLoader.Loaded(demo, null, java.util.Map.of());
        assertEquals(dir.resolve("mail"), org.stackbridge.gateway.notice.NoticeJob.mailFolder(loaded));
    }
}
