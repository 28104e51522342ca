package org.stackbridge.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} and the shipped {@code conf/stackbridge.yaml} cannot drift from what the loader
 * accepts: every key is in both, with a meaning, and the page names no key or default that the loader does not have.
 * {@code STACKBRIDGE_WRITE_CONFIG_REFERENCE=1} rewrites the page instead of comparing.
 */
class ConfigReferenceTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Path CONF = Path.of("..", "conf", "stackbridge.yaml");

    private ConfigReference reference;
    private ConfigReference.ConfSample sample;

    @BeforeEach
    void read() throws IOException {
        reference = new ConfigReference();
        sample = new ConfigReference.ConfSample(Files.readAllLines(CONF, StandardCharsets.UTF_8), reference);
    }

    @Test
    void everyKeyTheLoaderAcceptsIsInTheShippedConfigurationWithAComment() {
        List<String> missing = reference.keys().stream().filter(k -> !sample.shows(k)).toList();
        assertEquals(List.of(), missing, "keys missing from " + CONF + " (add them, commented out if they are examples)");
        List<String> unexplained = reference.keys().stream().filter(k -> sample.meaning(k).isBlank()).toList();
        assertEquals(List.of(), unexplained, "keys in " + CONF + " without a comment on or just above their line");
    }

    @Test
    void theShippedConfigurationNamesNoUnknownKeyEvenInComments() {
        assertEquals(Set.of(), sample.unknownKeys(), "keys in " + CONF + " that the loader does not accept");
    }

    @Test
    void environmentOverridesAreKeys() {
        List<String> unknown = ConfigLoader.ENV_KEYS.stream().filter(k -> !reference.keys().contains(k)).toList();
        assertEquals(List.of(), unknown);
    }

    @Test
    void theReferencePageMatchesTheSettings() throws IOException {
        String generated = reference.markdown(sample);
        if ("1".equals(System.getenv("STACKBRIDGE_WRITE_CONFIG_REFERENCE"))) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(DOC), DOC + " is missing; write it with STACKBRIDGE_WRITE_CONFIG_REFERENCE=1");
        List<String> page = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        List<String> expected = generated.lines().toList();
        Set<String> stale = new LinkedHashSet<>(page);
        expected.forEach(stale::remove);
        Set<String> absent = new LinkedHashSet<>(expected);
        page.forEach(absent::remove);
        List<String> problems = new ArrayList<>();
        absent.forEach(l -> problems.add("missing or different: " + l));
        stale.forEach(l -> problems.add("names a key, type, default or meaning that is not (so) in the settings: " + l));
        assertEquals(List.of(), problems, DOC + " is out of date; regenerate it with STACKBRIDGE_WRITE_CONFIG_REFERENCE=1 (see the page)");
        assertEquals(expected, page, "same lines, different order: regenerate " + DOC);
    }
}
