package org.stackbridge.staff.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.staff.problem.ProblemException;

/**
 * Checks a staff login once and opens a session: the only place the password hash is verified. A locked login is
 * refused before any hashing; an unknown login is hashed against a dummy so it takes as long as a known one; unknown
 * logins, wrong passwords and disabled accounts get the same answer and all count towards the lock. Blocks: run it
 * on a worker thread, never on an event loop.
 */
public final class StaffAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(StaffAuthenticator.class);
    private static final long STORAGE_TIMEOUT_SECONDS = 10;

    private final TransactionRunner storage;
    private final StaffSessions sessions;
    private final StaffLoginThrottle throttle;
    private volatile String dummyHash;

    /** Checks passwords only ({@link #verify}); for a caller that keeps its own sessions, as the staff console does. */
    public StaffAuthenticator(TransactionRunner storage, StaffLoginThrottle throttle) {
        this(storage, null, throttle);
    }

    public StaffAuthenticator(TransactionRunner storage, StaffSessions sessions, StaffLoginThrottle throttle) {
        this.storage = storage;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** The account behind a login, with the institution of its library (empty when it has none or it is unknown). */
    private record Found(StaffAccount account, Optional<String> institution) {
    }

    public StaffSessions.Issued login(String login, String password) {
        if (sessions == null) {
            throw new IllegalStateException("this authenticator opens no bearer tokens");
        }
        Verified v = verify(login, password);
        StaffAccount account = v.account();
        StaffSessions.Issued issued = sessions.open(account, v.institution());
        LOG.info("staff login {} ({}) logged in", login, account.role().label());
        return issued;
    }

    /**
     * Checks a login and password as {@link #login} does (throttled, the same answer for every failure) without
     * opening a bearer token: the staff console keeps its own sessions. Answers the account and the institution of
     * its library (null for an account without one).
     */
    public Verified verify(String login, String password) {
        Optional<Instant> locked = throttle.lockedUntil(login);
        if (locked.isPresent()) {
            throw ProblemException.of(429, "login-locked", "Login locked",
                    "Too many failed logins for " + login + "; try again after " + locked.get());
        }
        Optional<Found> found = lookup(login);
        boolean valid;
        if (found.isPresent()) {
            valid = SecretHasher.verify(password, found.get().account().passwordHash());
        } else {
            SecretHasher.verify(password, dummyHash()); // same work as for a known login
            valid = false;
        }
        StaffAccount account = found.map(Found::account).orElse(null);
        if (!valid || !account.enabled()) {
            if (valid) {
                LOG.warn("staff login {} refused: the account is disabled", login);
            }
            if (throttle.failed(login)) {
                LOG.warn("staff login {} locked after repeated failed logins", login);
            } else {
                LOG.warn("failed staff login for {}", login);
            }
            throw ProblemException.unauthorized("Invalid login or password.");
        }
        if (account.library() != null && found.get().institution().isEmpty()) {
            LOG.warn("staff login {} refused: its library {} does not exist", login, account.library());
            throw ProblemException.unauthorized("Invalid login or password.");
        }
        throttle.succeeded(login);
        return new Verified(account, found.get().institution().orElse(null));
    }

    /** A staff account whose password was just checked, with its library's institution (null: every institution). */
    public record Verified(StaffAccount account, String institution) {
    }

    private Optional<Found> lookup(String login) {
        try {
            return storage.read(tx -> tx.staff().find(login).map(a -> new Found(a,
                    a.library() == null ? Optional.empty() : tx.libraries().find(a.library()).map(Library::institution))))
                    .get(STORAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("staff account lookup failed", e);
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return ProblemException.of(503, "storage-unavailable", "Service Unavailable", "The account store did not answer; try again.");
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = SecretHasher.standard().hash("no such staff account");
            dummyHash = h;
        }
        return h;
    }
}
