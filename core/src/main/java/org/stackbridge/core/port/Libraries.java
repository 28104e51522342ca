package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Library;

public interface Libraries {
    Optional<Library> find(String code);

    List<Library> all();

    /** Insert or replace by code. */
    void save(Library library);
}
