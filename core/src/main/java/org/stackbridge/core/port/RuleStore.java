package org.stackbridge.core.port;

import java.util.List;
import org.stackbridge.core.policy.CirculationRule;

/** Circulation rules kept in the database (in addition to those in the config file). */
public interface RuleStore {
    List<CirculationRule> all();

    void add(CirculationRule rule);

    /** The stored rules with their ids, in insertion order. */
    List<StoredRule> stored();

    /** Adds a rule and answers its id. */
    long insert(CirculationRule rule);

    /** Replaces a stored rule; false when there is none of that id. */
    boolean replace(long id, CirculationRule rule);

    /** Removes a stored rule; false when there is none of that id. */
    boolean remove(long id);

    /** A rule kept in the database, with its id. */
    record StoredRule(long id, CirculationRule rule) implements java.io.Serializable {
    }
}
