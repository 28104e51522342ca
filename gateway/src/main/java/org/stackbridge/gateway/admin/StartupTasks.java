package org.stackbridge.gateway.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work that must finish before the gateway is ready to serve although its listeners are already bound (the demo
 * library loading after start); {@code /health/ready} answers 503 naming each while it runs.
 */
public final class StartupTasks {

    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /** {@code what} has begun; the gateway is not ready until {@link #done(String)}. */
    public void begin(String what) {
        pending.add(what);
    }

    public void done(String what) {
        pending.remove(what);
    }

    /** What is still running, sorted. */
    public List<String> pending() {
        List<String> list = new ArrayList<>(pending);
        list.sort(null);
        return list;
    }
}
