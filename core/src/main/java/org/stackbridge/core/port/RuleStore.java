package org.stackbridge.core.port;

import java.util.List;
import org.stackbridge.core.policy.CirculationRule;

/** Circulation rules kept in the database (in addition to those in the config file). */
public interface RuleStore {
    List<CirculationRule> all();

    void add(CirculationRule rule);
}
