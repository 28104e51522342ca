package org.stackbridge.gateway;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.config.ConfigMapping;
import org.stackbridge.gateway.config.GatewayConfig;

/**
 * The effective rule table: a built-in fallback, then the config file's rules, then the database's.
 * Later rules win ties, so database rules override config rules of the same scope.
 */
public final class Policies {

    /** Used only when neither the config nor the database defines a (*, *, *) rule. */
    public static final CirculationRule BUILT_IN = new CirculationRule(null, null, null, 14, PeriodUnit.DAYS, 2, 14, 20,
            new BigDecimal("0.20"), 1, new BigDecimal("5.00"), true, 7, ClosedDayStrategy.NEXT_OPEN_DAY, "built-in default");

    private final AtomicReference<PolicyTable> table = new AtomicReference<>(new PolicyTable(List.of(BUILT_IN)));

    public PolicyTable table() {
        return table.get();
    }

    private static boolean isWildcard(String key) {
        return key == null || key.isBlank() || key.equals("*");
    }

    /** Takes the rules of {@code config} (named after {@code file}) and the database's, read now. */
    public synchronized void reload(GatewayConfig config, String file, TransactionRunner storage) {
        configure(config, file, storage.read(tx -> tx.rules().all()).join());
    }

    /** Takes the rules of {@code config} and {@code stored} (the database's, read by the caller). */
    public synchronized void configure(GatewayConfig config, String file, List<CirculationRule> stored) {
        this.config = config;
        this.file = file;
        table.set(table(config, file, stored));
    }

    /**
     * Reads the database's rules again, keeping the configuration's as last configured (a reload and a refresh after a
     * rule change never undo each other).
     */
    public synchronized void refresh(TransactionRunner storage) {
        if (config == null) {
            return;
        }
        table.set(table(config, file, storage.read(tx -> tx.rules().all()).join()));
    }

    private GatewayConfig config;
    private String file;

    private static PolicyTable table(GatewayConfig config, String file, List<CirculationRule> stored) {
        List<CirculationRule> rules = new ArrayList<>();
        rules.add(BUILT_IN);
        // settings a rule leaves out come from the config's (*, *, *) rule, else from the built-in default
        CirculationRule base = BUILT_IN;
        for (int i = 0; i < config.policies().size(); i++) {
            GatewayConfig.RuleConfig r = config.policies().get(i);
            if (isWildcard(r.library()) && isWildcard(r.category()) && isWildcard(r.itemType())) {
                base = ConfigMapping.rule(r, file + " policies[" + i + "]", BUILT_IN);
            }
        }
        for (int i = 0; i < config.policies().size(); i++) {
            rules.add(ConfigMapping.rule(config.policies().get(i), file + " policies[" + i + "]", base));
        }
        rules.addAll(stored);
        return new PolicyTable(rules);
    }
}
