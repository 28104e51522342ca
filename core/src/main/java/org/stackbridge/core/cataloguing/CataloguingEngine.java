package org.stackbridge.core.cataloguing;

import org.stackbridge.core.policy.ItemStatusSettings;
import org.stackbridge.core.service.CirculationEngine;

/**
 * Cataloguing and item status on top of the circulation engine: {@link CatalogueDesk} (records and items) and
 * {@link ItemStatusDesk} (damaged, missing, withdrawn, lost, claims returned, and the refund when a lost item comes
 * back, wrapped around check-in so it happens in the same transaction).
 */
public final class CataloguingEngine {

    private CataloguingEngine() {
    }

    /** Registers the commands and wraps check-in; call once per engine. */
    public static void registerWith(CirculationEngine engine, ItemStatusSettings settings) {
        new CatalogueDesk(engine).registerOn(engine);
        new ItemStatusDesk(engine, settings).registerOn(engine);
    }
}
