package org.stackbridge.staff.resource;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The partner agencies a borrowing request may go to: those configured for NCIP ({@code ncip.agencies}). */
public record IllPartners(SortedSet<String> agencies) {

    public IllPartners {
        agencies = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(agencies));
    }

    public static IllPartners of(Set<String> agencies) {
        return new IllPartners(new TreeSet<>(agencies));
    }

    public static IllPartners none() {
        return of(Set.of());
    }

    public boolean configured(String agency) {
        return agencies.contains(agency);
    }

    /** Why a borrowing request may not go to {@code agency}; empty when it may (it is configured). */
    public java.util.Optional<String> refusal(String agency) {
        if (configured(agency)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(agencies.isEmpty() ? "no NCIP partner agency is configured"
                : "not a configured NCIP partner agency; configured: " + String.join(", ", agencies));
    }
}
