package org.stackbridge.staff.console;

import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.stackbridge.core.catalogue.CatalogueIndex;
import org.stackbridge.core.catalogue.CopyCatalogue;
import org.stackbridge.core.catalogue.MarcCataloguing;

/**
 * What the items, records and copy-cataloguing screens need beyond the engine: the catalogue index Z39.50 and SRU
 * search (the console searches the same one), the MARC reading and re-indexing the staff API uses, the configured
 * copy-cataloguing targets, and the engine's currency (prices and repair fees are in it).
 */
public record ConsoleCataloguing(CatalogueIndex index, MarcCataloguing cataloguing, CopyCatalogue copyCatalogue, Currency currency) {

    public ConsoleCataloguing {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(cataloguing, "cataloguing");
        Objects.requireNonNull(copyCatalogue, "copyCatalogue");
        Objects.requireNonNull(currency, "currency");
    }

    /** Whether any copy-cataloguing target is configured. */
    public boolean hasTargets() {
        return !copyCatalogue.targets().isEmpty();
    }

    /** The names of the configured copy-cataloguing targets. */
    public List<String> targetNames() {
        return copyCatalogue.targets().stream().map(CopyCatalogue.Target::name).toList();
    }
}
