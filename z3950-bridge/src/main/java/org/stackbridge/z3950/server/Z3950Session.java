package org.stackbridge.z3950.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-association state: negotiated sizes and charset, named result sets. Touched by one request at a time. */
final class Z3950Session {

    /** A result set: bib ids in order and the database searched. */
    record ResultSet(String name, String database, long[] ids) {
    }

    boolean initialised;
    int preferredMessageSize;
    int exceptionalRecordSize;
    boolean version3;
    String user;
    final Map<String, ResultSet> resultSets = new LinkedHashMap<>();
}
