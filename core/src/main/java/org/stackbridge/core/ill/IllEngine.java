package org.stackbridge.core.ill;

import java.time.Instant;
import java.util.List;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.service.CirculationEngine;

/**
 * The ILL workflow on top of the circulation engine. Every state change is checked against
 * {@link IllTransitions} and logged as an {@link EventType#ILL_TRANSITION} event whose detail is an
 * {@link IllEventDetail}. The work is split three ways: {@link IllWorkflow} (the ILL commands),
 * {@link IllCirculationHooks} (check-out and check-in of ILL items move the request in the same transaction)
 * and {@link IllReports} (listings, history, statistics). Who may borrow or lend through ILL is decided by
 * {@link org.stackbridge.core.policy.EligibilityPolicies#ILL_BORROW} and {@code ILL_LEND}.
 */
public final class IllEngine {

    /** Default ILL item type and shelf location for temporary items when the caller names none. */
    public static final String DEFAULT_ITEM_TYPE = IllWorkflow.DEFAULT_ITEM_TYPE;
    public static final String DEFAULT_LOCATION = IllWorkflow.DEFAULT_LOCATION;

    private final IllReports reports;

    private IllEngine(IllReports reports) {
        this.reports = reports;
    }

    /** Registers the ILL commands and wraps check-out/check-in; call once per engine. */
    public static IllEngine registerWith(CirculationEngine engine) {
        new IllWorkflow(engine).registerOn(engine);
        IllReports reports = new IllReports(engine);
        reports.registerOn(engine);
        new IllCirculationHooks(engine).registerOn(engine);
        return new IllEngine(reports);
    }

    /** The transitions of one request, from the event log. */
    public List<IllViews.Transition> history(StoreTx s, IllRequest r, Instant now) {
        return reports.history(s, r, now);
    }

    /** ILL statistics for [from, to); see {@link IllReports#statistics}. */
    public IllViews.Stats statistics(StoreTx s, Instant from, Instant to) {
        return reports.statistics(s, from, to);
    }
}
