/**
 * Catalogue search port: a protocol-neutral query model (an RPN tree whose terms carry Bib-1 attributes)
 * and {@link org.stackbridge.core.catalogue.CatalogueIndex}, implemented by the catalogue adapter and
 * called by the Z39.50/SRU listener.
 */
package org.stackbridge.core.catalogue;
