package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * An interlibrary-loan request. {@code partnerAgency} is the partner's agency id and {@code externalId}
 * the partner's request id; (partner, external id, role) is unique.
 */
public record IllRequest(long id, IllRole role, IllState state, String partnerAgency, String externalId,
                         Long patronId, Long itemId, Long bibId, String title, String pickupLibrary,
                         Instant createdAt, Instant updatedAt) implements Serializable {

    public IllRequest withId(long newId) {
        return new IllRequest(newId, role, state, partnerAgency, externalId, patronId, itemId, bibId, title, pickupLibrary, createdAt, updatedAt);
    }

    public IllRequest moved(IllState newState, Instant at) {
        return new IllRequest(id, role, newState, partnerAgency, externalId, patronId, itemId, bibId, title, pickupLibrary, createdAt, at);
    }

    public IllRequest withItem(Long newItemId) {
        return new IllRequest(id, role, state, partnerAgency, externalId, patronId, newItemId, bibId, title, pickupLibrary, createdAt, updatedAt);
    }
}
