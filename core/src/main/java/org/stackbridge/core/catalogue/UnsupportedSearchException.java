package org.stackbridge.core.catalogue;

/**
 * A query the index cannot evaluate, carrying the Bib-1 diagnostic condition (e.g. 114 unsupported use
 * attribute) and its additional information, so every listener can answer it protocol-correctly.
 */
public final class UnsupportedSearchException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int bib1Condition;
    private final String addinfo;

    public UnsupportedSearchException(int bib1Condition, String addinfo, String message) {
        super(message);
        this.bib1Condition = bib1Condition;
        this.addinfo = addinfo == null ? "" : addinfo;
    }

    public int bib1Condition() {
        return bib1Condition;
    }

    public String addinfo() {
        return addinfo;
    }
}
