package org.stackbridge.staff.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.port.ConsoleSessionStore.StoredSession;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.staff.auth.StaffAuthenticator;
import org.stackbridge.staff.auth.StaffSession;

/**
 * Console sessions, kept in the database ({@code console_session}): they survive a restart, and every gateway sharing
 * the database accepts the cookie of any other. Only the SHA-256 of a cookie value is stored. A session ends after
 * {@code idle} without a request, {@code maxLifetime} after sign-in, at sign-out, and as soon as its account changes
 * (disabled, another role or library, a new password: the account's fingerprint no longer matches), wherever the
 * change was made. Every request reads the session by primary key; activity is written at most once per
 * {@link #touchInterval} so a busy desk does not write on every scan. Expired sessions are removed at each sign-in,
 * and beyond {@code maxSessions} the least recently used goes.
 */
public final class ConsoleSessions {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long STORAGE_TIMEOUT_SECONDS = 10;
    private static final int MAX_TOKEN = 128;

    private final TransactionRunner storage;
    private final Clock clock;
    private final Duration idle;
    private final Duration maxLifetime;
    private final int maxSessions;
    private final Duration touchInterval;

    public ConsoleSessions(TransactionRunner storage, Clock clock, Duration idle, Duration maxLifetime, int maxSessions) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = clock;
        this.idle = idle;
        this.maxLifetime = maxLifetime;
        this.maxSessions = maxSessions;
        Duration quarter = idle.dividedBy(4);
        this.touchInterval = quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
    }

    /** A session just opened: the cookie value (given to the browser once, never stored) and the session. */
    public record Started(String token, ConsoleSession session) {
        @Override
        public String toString() {
            return "Started[token=***, " + session + "]";
        }
    }

    /** The stored session with the account as it is now (null when gone) and its library's institution. */
    private record Lookup(StoredSession stored, StaffAccount account, Optional<String> institution) {
    }

    /**
     * Opens a session for an account whose password was just checked: stores it (removing expired sessions and, beyond
     * the limit, the least recently used) and answers the new cookie value. Blocks until committed: call it on a
     * worker thread.
     */
    public Started start(StaffAuthenticator.Verified verified) {
        String token = randomToken();
        Instant now = clock.instant();
        StaffAccount a = verified.account();
        StoredSession stored = new StoredSession(hash(token), a.login(), fingerprint(a), randomToken(), now, now);
        await(storage.write(tx -> {
            tx.consoleSessions().deleteExpired(now.minus(idle), now.minus(maxLifetime));
            tx.consoleSessions().trimTo(maxSessions - 1);
            tx.consoleSessions().insert(stored);
            return null;
        }));
        return new Started(token, session(stored, a, verified.institution()));
    }

    /**
     * The live session of a cookie value, counting this request as activity; empty when unknown, idle too long,
     * expired or its account changed (then it is removed). Never blocks: the answer completes on a storage thread.
     */
    public CompletionStage<Optional<ConsoleSession>> find(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String key = hash(token);
        return storage.read(tx -> tx.consoleSessions().find(key).map(s -> {
            Optional<StaffAccount> account = tx.staff().find(s.login());
            Optional<String> institution = account.map(StaffAccount::library)
                    .flatMap(library -> tx.libraries().find(library).map(Library::institution));
            return new Lookup(s, account.orElse(null), institution);
        }).orElse(null)).thenCompose(found -> {
            if (found == null) {
                return CompletableFuture.completedFuture(Optional.<ConsoleSession>empty());
            }
            Instant now = clock.instant();
            StoredSession s = found.stored();
            StaffAccount a = found.account();
            String why = !now.isBefore(s.lastSeen().plus(idle)) ? "idle"
                    : !now.isBefore(s.created().plus(maxLifetime)) ? "past its lifetime"
                    : a == null || !a.enabled() || !fingerprint(a).equals(s.credential()) ? "its account changed"
                    : a.library() != null && found.institution().isEmpty() ? "its library is gone" : null;
            if (why != null) {
                LOG.info("console session of {} ended: {}", s.login(), why);
                return storage.write(tx -> tx.consoleSessions().delete(key)).thenApply(x -> Optional.<ConsoleSession>empty());
            }
            ConsoleSession session = session(s, a, found.institution().orElse(null));
            if (Duration.between(s.lastSeen(), now).compareTo(touchInterval) < 0) {
                return CompletableFuture.completedFuture(Optional.of(session));
            }
            return storage.write(tx -> tx.consoleSessions().touch(key, now))
                    .thenApply(live -> live ? Optional.of(session) : Optional.<ConsoleSession>empty());
        });
    }

    /** Signs out; true when the session was live. Blocks: call it on a worker thread. */
    public boolean end(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return false;
        }
        String key = hash(token);
        return await(storage.write(tx -> tx.consoleSessions().delete(key)));
    }

    /** Ends every console session of a login (its account was changed here); answers how many. Blocks. */
    public int endAll(String login) {
        return await(storage.write(tx -> tx.consoleSessions().deleteLogin(login)));
    }

    /** The stored sessions, live or not yet cleaned up; for monitoring and tests. Blocks. */
    public int size() {
        return await(storage.read(tx -> tx.consoleSessions().count()));
    }

    private ConsoleSession session(StoredSession s, StaffAccount a, String institution) {
        return new ConsoleSession(new StaffSession(a.login(), a.role(), a.library(), institution, s.created().plus(maxLifetime)), s.csrf());
    }

    /**
     * What of an account a session depends on: role, library, enabled and the password hash. Stored hashed, so the
     * session table holds nothing of the password.
     */
    static String fingerprint(StaffAccount a) {
        return org.stackbridge.staff.auth.AccountFingerprint.of(a);
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(STORAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStoreException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SessionStoreException(e);
        }
    }

    /** The session store did not answer. */
    public static final class SessionStoreException extends RuntimeException {
        SessionStoreException(Throwable cause) {
            super("the console session store did not answer", cause);
        }
    }

    /** 256 random bits, URL-safe: cookie values, CSRF tokens and the sign-in form's pre-session token. */
    public static String randomToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Compares two tokens in time independent of where they differ; false when either is null. */
    public static boolean sameToken(String expected, String given) {
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
