package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A card that was replaced: its barcode stays bound to the patron, so that whoever presents it (at a kiosk, over
 * NCIP, at the desk) is told the card is reported lost instead of reaching the patron's account.
 */
public record LostCard(String barcode, long patronId, Instant replacedAt) implements Serializable {
    public LostCard {
        Objects.requireNonNull(barcode, "barcode");
    }
}
