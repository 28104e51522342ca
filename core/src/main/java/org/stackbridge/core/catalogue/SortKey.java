package org.stackbridge.core.catalogue;

/** Sort by the index of a Bib-1 use attribute (4 title, 1003 author, 31 date), ascending unless descending. */
public record SortKey(int use, boolean descending) {
}
