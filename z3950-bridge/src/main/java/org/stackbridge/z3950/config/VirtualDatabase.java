package org.stackbridge.z3950.config;

import java.util.Objects;
import org.stackbridge.core.catalogue.FederatedSearch;

/**
 * A database name whose searches go to the remote targets of {@link FederatedSearch} (the gateway wires it),
 * instead of the local catalogue.
 *
 * @param name                 the database name clients search (case-insensitive)
 * @param search               the federated search port; its stages must not block the caller
 * @param maxRecordsPerTarget  records fetched from each target per search (the presentable part of the set)
 */
public record VirtualDatabase(String name, FederatedSearch search, int maxRecordsPerTarget) {
    public VirtualDatabase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(search, "search");
        if (maxRecordsPerTarget <= 0) {
            maxRecordsPerTarget = 20;
        }
    }

    public boolean is(String database) {
        return database != null && name.equalsIgnoreCase(database);
    }

    /** Round-robin over the targets (in the order they appear), so the first records show every source. */
    public static java.util.List<FederatedSearch.Hit> interleave(java.util.List<FederatedSearch.Hit> hits) {
        java.util.Map<String, java.util.ArrayDeque<FederatedSearch.Hit>> byTarget = new java.util.LinkedHashMap<>();
        for (FederatedSearch.Hit h : hits) {
            byTarget.computeIfAbsent(h.target(), k -> new java.util.ArrayDeque<>()).add(h);
        }
        java.util.List<FederatedSearch.Hit> out = new java.util.ArrayList<>(hits.size());
        while (out.size() < hits.size()) {
            for (java.util.ArrayDeque<FederatedSearch.Hit> q : byTarget.values()) {
                if (!q.isEmpty()) {
                    out.add(q.poll());
                }
            }
        }
        return out;
    }
}
