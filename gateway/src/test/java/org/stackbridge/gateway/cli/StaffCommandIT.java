package org.stackbridge.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.Storage;
import org.stackbridge.gateway.config.ConfigLoader;

/** {@code stackbridge staff add|list|disable|passwd} on the embedded database, as an operator types them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StaffCommandIT {

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        config = dir.resolve("stackbridge.yaml");
        Files.writeString(config, String.join("\n",
                "data-dir: " + dir.resolve("data"),
                "security: {hash-iterations: 1000}",
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                ""));
    }

    private CliRun cli(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(2, "--config");
        all.add(3, config.toString());
        return CliRun.run(stdin, all.toArray(String[]::new));
    }

    private StaffAccount stored(String login) throws Exception {
        ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of(), List.of());
        try (TransactionRunner storage = Storage.open(loaded.config(), Path.of(loaded.config().dataDir()))) {
            return storage.read(tx -> tx.staff().find(login)).get(30, TimeUnit.SECONDS).orElseThrow();
        }
    }

    @Test
    void addReadsThePasswordFromStdinAndStoresOnlyItsHash() throws Exception {
        CliRun r = cli("s3cret\n", "staff", "add", "--login", "grace", "--password", "-", "--role", "librarian", "--library", "MAIN");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("added staff account grace (librarian, library MAIN)"), r.out());
        StaffAccount a = stored("grace");
        assertEquals(StaffRole.LIBRARIAN, a.role());
        assertEquals("MAIN", a.library());
        assertTrue(a.enabled());
        assertFalse(a.passwordHash().contains("s3cret"));
        assertTrue(SecretHasher.verify("s3cret", a.passwordHash()));

        CliRun again = cli("", "staff", "add", "--login", "grace", "--password", "other", "--role", "ADMIN");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("updated staff account grace (admin, every institution)"), again.out());
    }

    @Test
    void listShowsRoleLibraryAndStateAndDisableAndPasswdChangeThem() throws Exception {
        assertEquals(0, cli("pw\n", "staff", "add", "--login", "ada", "--password", "-", "--role", "technician", "--library", "MAIN").code());
        assertEquals(0, cli("pw\n", "staff", "add", "--login", "root", "--password", "-", "--role", "admin").code());
        CliRun list = cli("", "staff", "list");
        assertEquals(0, list.code(), list.toString());
        assertEquals("ada\ttechnician\tMAIN\tenabled\nroot\tadmin\t*\tenabled\n", list.out().replace("\r", ""));

        CliRun disable = cli("", "staff", "disable", "ada");
        assertEquals(0, disable.code(), disable.toString());
        assertFalse(stored("ada").enabled());
        assertTrue(cli("", "staff", "list").out().contains("ada\ttechnician\tMAIN\tdisabled"));

        CliRun passwd = cli("n3w-pass\n", "staff", "passwd", "root", "--password", "-");
        assertEquals(0, passwd.code(), passwd.toString());
        assertTrue(SecretHasher.verify("n3w-pass", stored("root").passwordHash()));
        assertFalse(SecretHasher.verify("pw", stored("root").passwordHash()));
    }

    @Test
    void aBadRoleAnUnknownLibraryOrLoginAndAnEmptyPasswordExitWith2() {
        CliRun role = cli("pw\n", "staff", "add", "--login", "x", "--password", "-", "--role", "janitor");
        assertEquals(2, role.code(), role.toString());
        assertTrue(role.err().contains("unknown role janitor; expected one of technician, librarian, admin"), role.err());

        CliRun library = cli("pw\n", "staff", "add", "--login", "x", "--password", "-", "--role", "admin", "--library", "NOWHERE");
        assertEquals(2, library.code(), library.toString());
        assertTrue(library.err().contains("unknown library NOWHERE"), library.err());

        CliRun empty = cli("\n", "staff", "add", "--login", "x", "--password", "-", "--role", "admin");
        assertEquals(2, empty.code(), empty.toString());
        assertTrue(empty.err().contains("empty password"), empty.err());

        CliRun disable = cli("", "staff", "disable", "nobody");
        assertEquals(2, disable.code(), disable.toString());
        assertTrue(disable.err().contains("unknown staff account nobody"), disable.err());

        assertEquals(2, cli("pw\n", "staff", "passwd", "nobody", "--password", "-").code());
        assertEquals("", cli("", "staff", "list").out());
    }
}
