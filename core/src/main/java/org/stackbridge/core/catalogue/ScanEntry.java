package org.stackbridge.core.catalogue;

/** One term of an index browse and the number of records holding it. */
public record ScanEntry(String term, long occurrences) {
}
