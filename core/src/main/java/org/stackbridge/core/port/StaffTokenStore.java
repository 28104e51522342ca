package org.stackbridge.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The staff API's bearer tokens, kept in the database so every gateway sharing it accepts a token any of them issued
 * and a restart logs nobody out. Only the SHA-256 of a token is stored, never the token itself.
 */
public interface StaffTokenStore {

    /**
     * One token.
     *
     * @param tokenHash  hex SHA-256 of the token (the key)
     * @param login      the staff login it was issued to
     * @param credential a fingerprint of the account as it was at login (role, library, enabled, password); a change to
     *                   the account makes it differ, which ends the token
     * @param created    when it was issued
     * @param expires    when it stops being accepted
     * @param lastUsed   the latest request counted as use (written at most once a minute)
     */
    record StoredToken(String tokenHash, String login, String credential, Instant created, Instant expires, Instant lastUsed) {
        public StoredToken {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(lastUsed, "lastUsed");
        }

        @Override
        public String toString() {
            return "StoredToken[" + login + ", created=" + created + ", expires=" + expires + "]";
        }
    }

    void insert(StoredToken token);

    Optional<StoredToken> find(String tokenHash);

    /** Records use; false when the token is gone. */
    boolean touch(String tokenHash, Instant lastUsed);

    /** Ends one token; false when there was none. */
    boolean delete(String tokenHash);

    /** Ends every token of a login; answers how many. */
    int deleteLogin(String login);

    /** Removes the tokens that expired at or before {@code now}; answers how many. */
    int deleteExpired(Instant now);

    /** Keeps at most {@code max} tokens, removing the oldest issued; answers how many went. */
    int trimTo(int max);

    int count();
}
