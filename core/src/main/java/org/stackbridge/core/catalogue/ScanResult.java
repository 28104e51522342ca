package org.stackbridge.core.catalogue;

import java.util.List;

/**
 * Terms around a start term; {@code positionOfTerm} is the 1-based position of the first term at or after
 * the start term within {@code entries} (Z39.50 positionOfTerm).
 */
public record ScanResult(List<ScanEntry> entries, int positionOfTerm) {
    public ScanResult {
        entries = List.copyOf(entries);
    }
}
