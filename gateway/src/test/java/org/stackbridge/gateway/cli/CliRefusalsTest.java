package org.stackbridge.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Commands refuse names the configuration does not know, with exit code 2, instead of acting on a typo. */
@Timeout(120)
class CliRefusalsTest {

    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("stackbridge.yaml");
        Files.writeString(config, String.join("\n",
                "libraries:",
                "  - code: MAIN",
                "    name: Main Library",
                "sip2:",
                "  profiles:",
                "    kiosk3m: {charset: IBM850}",
                ""));
    }

    private String err = "";

    private int run(String... args) {
        StringWriter errors = new StringWriter();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--config", config.toString(), "--data", dir.resolve("data").toString()}, 0, all, args.length, 4);
        int code = StackbridgeCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(errors, true), all);
        err = errors.toString();
        return code;
    }

    @Test
    void accountAddRefusesAProfileThatIsNotConfigured() {
        assertEquals(2, run("account", "add", "--login", "k1", "--password", "pw", "--institution", "MAIN", "--profile", "kiosk3n"));
        assertTrue(err.contains("error: unknown profile kiosk3n; sip2.profiles in " + config + " and the stored profiles have kiosk3m"), err);
        assertEquals(0, run("account", "add", "--login", "k1", "--password", "pw", "--institution", "MAIN", "--profile", "kiosk3m"), err);
        assertEquals(0, run("account", "add", "--login", "k2", "--password", "pw", "--institution", "MAIN"), err);
    }

    @Test
    void policyShowRefusesUnknownLibraryCategoryAndItemType() {
        assertEquals(2, run("policy", "show", "--library", "MIAN", "--category", "ADULT", "--item-type", "BOOK"));
        assertTrue(err.contains("error: unknown library MIAN"), err);
        assertEquals(2, run("policy", "show", "--library", "MAIN", "--category", "ADLUT", "--item-type", "BOOK"));
        assertTrue(err.contains("error: unknown category ADLUT; patron-categories: ADULT, CHILD, STAFF, ILL"), err);
        assertEquals(2, run("policy", "show", "--library", "MAIN", "--category", "ADULT", "--item-type", "BOKO"));
        assertTrue(err.contains("error: unknown item type BOKO"), err);
        assertEquals(0, run("policy", "show", "--library", "MAIN", "--category", "ADULT", "--item-type", "BOOK"), err);
        assertEquals(0, run("policy", "show", "--library", "*", "--category", "*", "--item-type", "*"), err);
    }

    @Test
    void aBadSetValueNamesTheFlag() {
        assertEquals(3, run("policy", "show", "--library", "MAIN", "--category", "ADULT", "--item-type", "BOOK",
                "--set", "listeners.http-port=abc"));
        assertTrue(err.contains("configuration error: --set listeners.http-port=abc: not a number"), err);
    }
}
