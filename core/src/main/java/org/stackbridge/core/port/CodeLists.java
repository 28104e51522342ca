package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.CodeEntry;
import org.stackbridge.core.model.CodeKind;

/**
 * The code lists (patron categories, item types) and the marks of what the configuration file defines
 * (libraries, SIP2 accounts), keyed by kind and code.
 */
public interface CodeLists {
    /** The entries of one kind, ordered by code. */
    List<CodeEntry> all(CodeKind kind);

    Optional<CodeEntry> find(CodeKind kind, String code);

    /** Insert or replace by kind and code. */
    void save(CodeEntry entry);

    /** Removes an entry; false when there was none. */
    boolean remove(CodeKind kind, String code);
}
