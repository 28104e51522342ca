package org.stackbridge.staff.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.port.StaffTokenStore.StoredToken;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.staff.problem.ProblemException;

/**
 * Bearer tokens of logged-in staff, kept in the database ({@code staff_token}): every gateway sharing the database
 * accepts a token any of them issued, and a restart logs nobody out. A token is 256 random bits; only its SHA-256 is
 * stored, with the login and a fingerprint of the account as it was at login ({@link AccountFingerprint}). A token
 * expires {@code lifetime} after login; it ends at logout, and as soon as its account changes (disabled, another role
 * or library, a new password: the fingerprint no longer matches), wherever the change was made. The password hash is
 * checked once, at login ({@link StaffAuthenticator}); a request checks only the token.
 *
 * <p>A token this node validated is remembered in memory for at most {@code cacheFor} (the settings refresh interval),
 * so a busy client does not read the database on every call; a logout or account change made on another node is
 * therefore seen here within that time, and at once when the settings revision moves ({@link #forgetCached}). A logout
 * or account change made through this node ends the token here at once. The stored tokens are bounded overall by
 * {@code maxSessions}: beyond it the oldest issued goes. Expired rows are removed at each login and by
 * {@link #purgeExpired} (the housekeeping job). Blocking calls run on the API's worker threads, never an event loop.
 */
public final class StaffSessions {

    private static final Logger LOG = LoggerFactory.getLogger(StaffSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long STORAGE_TIMEOUT_SECONDS = 10;
    private static final int MAX_TOKEN = 128;
    /** Use is written at most this often per token. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final TransactionRunner storage;
    private final Clock clock;
    private final Duration lifetime;
    private final int maxSessions;
    private final long cacheNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A token this node validated, and when (monotonic nanoseconds). */
    private record Cached(StaffSession session, long validatedAt) {
    }

    /** The stored token with the account as it is now (null when gone) and its library's institution. */
    private record Lookup(StoredToken stored, StaffAccount account, Optional<String> institution) {
    }

    public StaffSessions(TransactionRunner storage, Clock clock, Duration lifetime, int maxSessions, Duration cacheFor) {
        this(storage, clock, lifetime, maxSessions, cacheFor, System::nanoTime);
    }

    /** With the monotonic time source the cache ages by (tests). */
    StaffSessions(TransactionRunner storage, Clock clock, Duration lifetime, int maxSessions, Duration cacheFor, LongSupplier nanoTime) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxSessions = maxSessions;
        this.cacheNanos = cacheFor.isNegative() ? 0 : cacheFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * A new token for an account whose password was just checked: stored under its hash (removing expired tokens and,
     * beyond the limit, the oldest), returned once, never kept. Blocks until committed.
     */
    public Issued open(StaffAccount account, String institution) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        StoredToken stored = new StoredToken(hash(token), account.login(), AccountFingerprint.of(account), now, now.plus(lifetime), now);
        await(storage.write(tx -> {
            tx.staffTokens().deleteExpired(now);
            tx.staffTokens().trimTo(maxSessions - 1);
            tx.staffTokens().insert(stored);
            return null;
        }));
        return new Issued(token, new StaffSession(account.login(), account.role(), account.library(), institution, stored.expires()));
    }

    /**
     * The live session of a token; empty for an unknown or expired one, or one whose account changed (then it is
     * removed). Blocks on the database unless this node validated the token within the cache time.
     */
    public Optional<StaffSession> find(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        String key = hash(token);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null) {
            if (nanoTime.getAsLong() - cached.validatedAt() < cacheNanos && now.isBefore(cached.session().expiresAt())) {
                return Optional.of(cached.session());
            }
            cache.remove(key, cached);
        }
        Lookup found = await(storage.read(tx -> tx.staffTokens().find(key).map(t -> {
            Optional<StaffAccount> account = tx.staff().find(t.login());
            Optional<String> institution = account.map(StaffAccount::library)
                    .flatMap(library -> tx.libraries().find(library).map(Library::institution));
            return new Lookup(t, account.orElse(null), institution);
        }).orElse(null)));
        if (found == null) {
            return Optional.empty();
        }
        StoredToken t = found.stored();
        StaffAccount a = found.account();
        String why = !now.isBefore(t.expires()) ? "expired"
                : a == null || !a.enabled() || !AccountFingerprint.of(a).equals(t.credential()) ? "its account changed"
                : a.library() != null && found.institution().isEmpty() ? "its library is gone" : null;
        if (why != null) {
            LOG.info("staff API token of {} ended: {}", t.login(), why);
            background(storage.write(tx -> tx.staffTokens().delete(key)));
            return Optional.empty();
        }
        StaffSession session = new StaffSession(a.login(), a.role(), a.library(), found.institution().orElse(null), t.expires());
        if (!now.isBefore(t.lastUsed().plus(TOUCH_INTERVAL))) {
            background(storage.write(tx -> tx.staffTokens().touch(key, now)));
        }
        if (cacheNanos > 0) {
            if (cache.size() >= maxSessions) {
                cache.clear();
            }
            cache.put(key, new Cached(session, nanoTime.getAsLong()));
        }
        return Optional.of(session);
    }

    /** Ends a token (logout); true when it was live. Blocks until committed. */
    public boolean close(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return false;
        }
        String key = hash(token);
        cache.remove(key);
        return await(storage.write(tx -> tx.staffTokens().delete(key)));
    }

    /** Ends every token of a login (its account was disabled or changed here); answers how many. Blocks until committed. */
    public int closeAll(String login) {
        cache.values().removeIf(c -> c.session().login().equals(login));
        return await(storage.write(tx -> tx.staffTokens().deleteLogin(login)));
    }

    /**
     * Forgets the tokens validated in memory (the settings revision moved: an account may have changed elsewhere), so
     * each is checked against the database at its next use; answers how many were remembered.
     */
    public int forgetCached() {
        int n = cache.size();
        cache.clear();
        return n;
    }

    /** Removes the expired tokens from the database (the housekeeping job); answers how many. Blocks. */
    public int purgeExpired() {
        Instant now = clock.instant();
        return await(storage.write(tx -> tx.staffTokens().deleteExpired(now)));
    }

    /** The stored tokens, live or not yet purged; for monitoring and tests. Blocks. */
    public int size() {
        return await(storage.read(tx -> tx.staffTokens().count()));
    }

    private static void background(CompletableFuture<?> write) {
        write.whenComplete((x, e) -> {
            if (e != null) {
                LOG.warn("staff API token: a background write failed (retried at the next use)", e);
            }
        });
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(STORAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable(e);
        }
    }

    private static ProblemException unavailable(Exception e) {
        LOG.error("staff API token store did not answer", e);
        return ProblemException.of(503, "storage-unavailable", "Service Unavailable", "The token store did not answer; try again.");
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A token as handed to the client, with the session it opens. */
    public record Issued(String token, StaffSession session) {
        @Override
        public String toString() {
            return "Issued[token=***, session=" + session + "]";
        }
    }
}
