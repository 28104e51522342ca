package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;

public interface IllRequests {
    Optional<IllRequest> byId(long id);

    Optional<IllRequest> byExternalId(String partnerAgency, String externalId, IllRole role);

    IllRequest insert(IllRequest request);

    void update(IllRequest request);

    List<IllRequest> page(long afterId, int limit);

    /**
     * Requests of the role that refer to the item, newest first. The default scans all requests; stores
     * should override it with an indexed query.
     */
    default List<IllRequest> forItem(long itemId, IllRole role) {
        List<IllRequest> found = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            List<IllRequest> page = page(after, 500);
            for (IllRequest r : page) {
                if (r.role() == role && r.itemId() != null && r.itemId() == itemId) {
                    found.add(r);
                }
            }
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        found.sort(java.util.Comparator.comparingLong(IllRequest::id).reversed());
        return found;
    }
}
