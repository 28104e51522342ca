package org.stackbridge.z3950.record;

import java.util.List;

/**
 * One holding of an OPAC record (HoldingsAndCircData) with its circulation records; {@code live} tells
 * whether it comes from the circulation engine or from the MARC 852 fields.
 */
public record Holding(String nucCode, String localLocation, String shelvingLocation, String callNumber, String publicNote,
                      List<Circulation> circulations, boolean live) {
    public Holding {
        circulations = List.copyOf(circulations);
    }

    /** CircRecord: availableNow, availablityDate, itemId, renewable, onHold, temporaryLocation. */
    public record Circulation(boolean availableNow, String availabilityDate, String itemId, boolean renewable, boolean onHold,
                              String temporaryLocation) {
    }
}
