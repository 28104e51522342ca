/** Catalogue index on Apache Lucene 9 with Bib-1 mappings over MARC21 records parsed by marc4j. */
package org.stackbridge.adapter.catalogue;
