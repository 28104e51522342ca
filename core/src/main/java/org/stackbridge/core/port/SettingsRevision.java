package org.stackbridge.core.port;

/**
 * A counter every administration change increments in its own transaction, so each gateway sharing the database
 * notices a change made elsewhere (another node, the command line) by polling it and refreshes its read-mostly views.
 */
public interface SettingsRevision {
    long current();

    void bump();
}
