package org.stackbridge.core.model;

import java.time.Instant;

/** One period of a report's time series: events at or after {@code start} and before {@code end}. */
public record Bucket(int index, String label, Instant start, Instant end) {
}
