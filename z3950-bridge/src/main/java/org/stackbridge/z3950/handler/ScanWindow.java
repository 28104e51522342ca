package org.stackbridge.z3950.handler;

/**
 * Which preferred positions a scan (Z39.50 preferredPositionInResponse, SRU responsePosition) accepts. As in Zebra,
 * a position outside 1..number-of-terms browses around the start term: 0 or less gives terms after it, more than
 * the number of terms gives terms before it. Positions more than the scan term limit away are refused (Z39.50 233,
 * SRU 6), so one request cannot walk an unbounded part of the index.
 */
public final class ScanWindow {

    private ScanWindow() {
    }

    public static boolean supported(int position, int numberOfTerms, int maxScanTerms) {
        return position >= -maxScanTerms && position <= numberOfTerms + maxScanTerms;
    }
}
