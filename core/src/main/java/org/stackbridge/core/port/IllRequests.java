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
}
