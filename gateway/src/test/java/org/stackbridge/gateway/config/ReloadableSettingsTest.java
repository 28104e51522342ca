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

/** What a reload takes from the file and what it names as needing a restart. */
class ReloadableSettingsTest {

    private static final String HASH = new org.stackbridge.core.security.SecretHasher(1_000).hash("x");

    @TempDir
    Path dir;

    private ConfigLoader.Loaded load(String... lines) throws IOException {
        Path f = dir.resolve("stackbridge.yaml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return new ConfigLoader().load(f, Map.of(), List.of());
    }

    private static final String[] BASE = {
        "libraries: [{code: MAIN, name: Main}]",
        "patron-categories: [ADULT]",
        "sip2-accounts: [{login: k1, password-hash: \"" + HASH + "\", institution: MAIN}]",
        "listeners: {sip2-port: 6001}",
        "sip2: {max-connections: 100, profiles: {lobby: {language: '001'}}}",
        "ncip: {agencies: {alpha: {shared-secret: s}}}",
        "policies: [{loan-period: 14}]"};

    @Test
    void theRunningConfigurationCombinedWithItselfIsUnchanged() throws IOException {
        ConfigLoader.Loaded running = load(BASE);
        ConfigLoader loader = new ConfigLoader();
        assertEquals(running.config(), ReloadableSettings.merged(loader.objectMapper(), running.config(), running));
        assertEquals(List.of(), ReloadableSettings.needingRestart(loader.objectMapper(), running.config(), running.config()));
    }

    @Test
    void reloadableSettingsComeFromTheNextFileAndTheOthersStayAsTheyRunNamedAsNeedingARestart() throws IOException {
        ConfigLoader.Loaded running = load(BASE);
        ConfigLoader.Loaded next = load(
                "libraries: [{code: MAIN, name: Main, closed-weekdays: [sunday]}]",
                "patron-categories: [ADULT, CHILD]",
                "sip2-accounts: [{login: k2, password-hash: \"" + HASH + "\", institution: MAIN}]",
                "listeners: {sip2-port: 7001}",
                "sip2: {max-connections: 200, profiles: {night: {language: '002'}}}",
                "ncip: {agencies: {beta: {ip-allowlist: [127.0.0.1]}}, worker-threads: 3}",
                "policies: [{loan-period: 21}]");
        ConfigLoader loader = new ConfigLoader();
        GatewayConfig merged = ReloadableSettings.merged(loader.objectMapper(), running.config(), next);
        assertEquals(List.of("k2"), merged.sip2Accounts().stream().map(GatewayConfig.AccountConfig::login).toList());
        assertEquals(java.util.Set.of("night"), merged.sip2().profiles().keySet());
        assertEquals(java.util.Set.of("beta"), merged.ncip().agencies().keySet());
        assertEquals(21, merged.policies().get(0).loanPeriod());
        assertEquals(List.of("sunday"), merged.libraries().get(0).closedWeekdays());
        assertEquals(6001, merged.listeners().sip2Port(), "a port needs a restart");
        assertEquals(100, merged.sip2().maxConnections());
        assertEquals(List.of("ADULT"), merged.patronCategories());
        assertEquals(running.config().ncip().workerThreads(), merged.ncip().workerThreads());
        assertEquals(List.of("listeners.sip2-port", "ncip.worker-threads", "patron-categories", "sip2.max-connections"),
                ReloadableSettings.needingRestart(loader.objectMapper(), running.config(), next.config()));
    }

    @Test
    void aReloadableSettingThatNamesWhatOnlyARestartAppliesIsRefusedWithItsLine() throws IOException {
        ConfigLoader.Loaded running = load(BASE);
        ConfigLoader.Loaded next = load(
                "libraries: [{code: MAIN, name: Main}]",
                "patron-categories: [ADULT, CHILD]",
                "policies:",
                "  - {category: CHILD, loan-period: 7}");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ReloadableSettings.merged(new ConfigLoader().objectMapper(), running.config(), next));
        assertEquals("policies[0].category", e.key());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("unknown patron category CHILD"), e.getMessage());
    }
}
