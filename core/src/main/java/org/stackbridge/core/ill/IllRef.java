package org.stackbridge.core.ill;

import java.io.Serializable;
import org.stackbridge.core.model.IllRole;

/**
 * Names an ILL request: by our id, by the partner's request id, or by the item it concerns (the temporary
 * item of a borrowing, our item of a lending). The first given wins.
 */
public record IllRef(Long id, String partnerAgency, String externalId, IllRole role, String itemBarcode) implements Serializable {

    public static IllRef byId(long id) {
        return new IllRef(id, null, null, null, null);
    }

    public static IllRef byExternal(String partnerAgency, String externalId, IllRole role) {
        return new IllRef(null, partnerAgency, externalId, role, null);
    }

    public static IllRef byItem(String itemBarcode, IllRole role) {
        return new IllRef(null, null, null, role, itemBarcode);
    }

    @Override
    public String toString() {
        if (id != null) {
            return "ILL request " + id;
        }
        if (externalId != null) {
            return "ILL request " + partnerAgency + "/" + externalId + (role == null ? "" : " (" + role + ")");
        }
        return "ILL request for item " + itemBarcode;
    }
}
