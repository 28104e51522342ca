package org.stackbridge.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The staff console's signed-in sessions, kept in the database so they survive a restart and every gateway sharing
 * the database accepts them. Only the SHA-256 of a session cookie is stored, never the cookie itself.
 */
public interface ConsoleSessionStore {

    /**
     * One session.
     *
     * @param tokenHash  hex SHA-256 of the cookie value (the key)
     * @param login      the staff login signed in
     * @param credential a fingerprint of the account as it was at sign-in (role, library, password); a change to the
     *                   account makes it differ, which ends the session
     * @param csrf       the session's CSRF token, which every form carries back
     * @param created    when the staff member signed in
     * @param lastSeen   the latest request counted as activity
     */
    record StoredSession(String tokenHash, String login, String credential, String csrf, Instant created, Instant lastSeen) {
        public StoredSession {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(csrf, "csrf");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }

        @Override
        public String toString() {
            return "StoredSession[" + login + ", created=" + created + ", lastSeen=" + lastSeen + "]";
        }
    }

    void insert(StoredSession session);

    Optional<StoredSession> find(String tokenHash);

    /** Records activity; false when the session is gone. */
    boolean touch(String tokenHash, Instant lastSeen);

    /** Ends one session; false when there was none. */
    boolean delete(String tokenHash);

    /** Ends every session of a login; answers how many. */
    int deleteLogin(String login);

    /** Removes sessions last seen before {@code idleBefore} or created before {@code createdBefore}; answers how many. */
    int deleteExpired(Instant idleBefore, Instant createdBefore);

    /** Keeps at most {@code max} sessions, removing those least recently seen; answers how many went. */
    int trimTo(int max);

    int count();
}
