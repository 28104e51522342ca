package org.stackbridge.core.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a patron PIN is checked. In front of the slow PBKDF2 check ({@link SecretHasher#verify}) it keeps:
 * <ul>
 * <li>a bounded, least-recently-used memory of successful checks, so a kiosk that sends the PIN with every
 * message pays for PBKDF2 once per visit. An entry is keyed by HMAC-SHA256, under a random key drawn when this
 * verifier is built, of (patron id, stored PIN hash, PIN): the PIN itself is never kept, a wrong PIN never
 * matches, and a changed PIN (a different stored hash) never matches an entry made for the old one. Entries live
 * {@link PinSettings#cacheLifetime()} on the injected clock. Each gateway process has its own.</li>
 * <li>a failed-check lock: after {@link PinSettings#maxFailures()} failures in a row a patron's PIN is refused,
 * without hashing, for {@link PinSettings#lockTime()}, even when the PIN is right. A success resets the count;
 * failures older than the lock time are forgotten.</li>
 * </ul>
 * Failure counts are bounded like the cache ({@link PinSettings#cacheCapacity()} patrons, least recently touched
 * dropped first), and like it are per process: two gateway nodes count separately.
 * Checks run inside storage transactions, which may be retried on a conflict: a retried failure may be counted
 * twice (the lock comes sooner, never later). Thread-safe; the slow check runs outside any lock.
 *
 * <p>The slow check need not run on the storage thread that holds the patron's record. Inside
 * {@link #deferringSlowChecks}, a check that would hash throws {@link SlowCheckNeeded} instead (before any write of
 * the transaction, which is then rolled back); {@link #checkAhead} hashes on a bounded executor and keeps the verdict
 * for the next {@link #verify} of the same patron, stored hash and PIN, which takes it instead of hashing. The
 * verdict changes where the hash runs, nothing else: the lock is asked first as always, a failure is counted by that
 * {@code verify}, once, and a success enters the cache there.
 */
public final class PinVerifier {

    /** The slow check behind the cache; a seam so tests can count how often it runs. */
    @FunctionalInterface
    public interface SlowCheck {
        boolean matches(String pin, String storedHash);
    }

    public enum Result { VALID, INVALID, LOCKED }

    /**
     * Thrown by {@link #verify} inside {@link #deferringSlowChecks} when the PIN must be hashed: the caller rolls its
     * transaction back, runs {@link #checkAhead} off the storage thread and runs the work again. Carries the PIN, so
     * its text never does.
     */
    public static final class SlowCheckNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient long patronId;
        private final transient String storedHash;
        private final transient String pin;

        SlowCheckNeeded(long patronId, String storedHash, String pin) {
            super("PIN check deferred off the storage thread", null, false, false);
            this.patronId = patronId;
            this.storedHash = storedHash;
            this.pin = pin;
        }
    }

    /** How long a verdict of {@link #checkAhead} waits for its {@link #verify}, and how many are kept at most. */
    static final java.time.Duration VERDICT_LIFETIME = java.time.Duration.ofMinutes(1);
    static final int MAX_VERDICTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(PinVerifier.class);
    private static final String HMAC = "HmacSHA256";

    private final Clock clock;
    private final PinSettings settings;
    private final SlowCheck slow;
    private final ThreadLocal<Mac> macs;
    /** HMAC of (patron, stored hash, PIN) to the remembered success (patron and expiry); guarded by itself. */
    private final Map<String, Remembered> verified;
    /** Failed checks per patron id; guarded by itself. */
    private final Map<Long, Failures> failures;
    /** Slow checks run and checks refused by a lock, since this verifier was built (for metrics). */
    private final LongAdder slowChecks = new LongAdder();
    private final LongAdder lockedRefusals = new LongAdder();
    /** Verdicts of {@link #checkAhead} by the cache's key, each taken by one {@link #verify}; guarded by itself. */
    private final Map<String, Verdict> verdicts = bounded(MAX_VERDICTS);
    /** Set on the thread running {@link #deferringSlowChecks}. */
    private final ThreadLocal<Boolean> deferring = new ThreadLocal<>();

    public PinVerifier(Clock clock, PinSettings settings) {
        this(clock, settings, SecretHasher::verify);
    }

    public PinVerifier(Clock clock, PinSettings settings, SlowCheck slow) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.slow = Objects.requireNonNull(slow, "slow");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, HMAC);
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
        this.verified = bounded(settings.cacheCapacity());
        this.failures = bounded(settings.cacheCapacity());
    }

    /**
     * Checks {@code pin} against the patron's stored hash. {@link Result#LOCKED} means the check was refused
     * without hashing; the check that reaches the failure limit still answers {@link Result#INVALID}.
     *
     * @param patronId   the patron's id (what the cache and the lock are keyed by)
     * @param barcode    the patron's barcode, for the lock's log line only
     * @param storedHash the patron's stored PIN hash (null: no PIN set, nothing matches)
     */
    public Result verify(long patronId, String barcode, String storedHash, String pin) {
        Instant now = clock.instant();
        if (locked(patronId, now)) {
            lockedRefusals.increment();
            return Result.LOCKED;
        }
        if (pin == null || storedHash == null) {
            return failed(patronId, barcode, now);
        }
        String key = settings.cacheOn() || hasVerdicts() ? cacheKey(patronId, storedHash, pin) : null;
        if (key != null && settings.cacheOn() && remembered(key, now)) {
            succeeded(patronId);
            return Result.VALID;
        }
        Boolean ahead = key == null ? null : takeVerdict(key, now);
        if (ahead == null && Boolean.TRUE.equals(deferring.get())) {
            throw new SlowCheckNeeded(patronId, storedHash, pin);
        }
        if (ahead == null) {
            slowChecks.increment();
        }
        if (!(ahead == null ? slow.matches(pin, storedHash) : ahead)) {
            return failed(patronId, barcode, now);
        }
        if (settings.cacheOn()) {
            synchronized (verified) {
                verified.put(key, new Remembered(patronId, now.plus(settings.cacheLifetime())));
            }
        }
        succeeded(patronId);
        return Result.VALID;
    }

    /**
     * Runs {@code work} with slow checks deferred: a {@link #verify} on this thread that would hash throws
     * {@link SlowCheckNeeded} instead; cached successes, locks and verdicts of {@link #checkAhead} answer as usual.
     */
    public <T> T deferringSlowChecks(Supplier<T> work) {
        Boolean outer = deferring.get();
        deferring.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                deferring.remove();
            } else {
                deferring.set(outer);
            }
        }
    }

    /**
     * Hashes the PIN of a deferred check on {@code hashing} and keeps the verdict for the next {@link #verify} of the
     * same patron, stored hash and PIN. Counts as a slow check; counts no failure (that {@code verify} does).
     *
     * @throws RejectedExecutionException when {@code hashing} takes no more work (its queue is full)
     */
    public CompletableFuture<Void> checkAhead(SlowCheckNeeded needed, Executor hashing) {
        String key = cacheKey(needed.patronId, needed.storedHash, needed.pin);
        return CompletableFuture.runAsync(() -> {
            slowChecks.increment();
            boolean match = slow.matches(needed.pin, needed.storedHash);
            synchronized (verdicts) {
                verdicts.put(key, new Verdict(needed.patronId, match, clock.instant().plus(VERDICT_LIFETIME)));
            }
        }, hashing);
    }

    /** True while the patron's PIN is locked after too many failed checks. */
    public boolean locked(long patronId) {
        return locked(patronId, clock.instant());
    }

    /**
     * Forgets everything about a patron's PIN: the remembered successful checks and the failure count or lock. Called
     * when the PIN is reset, so the old PIN is hashed (and refused) at its next use and a new PIN is not locked out.
     */
    public void forget(long patronId) {
        synchronized (verified) {
            verified.values().removeIf(r -> r.patronId() == patronId);
        }
        synchronized (failures) {
            failures.remove(patronId);
        }
        synchronized (verdicts) {
            verdicts.values().removeIf(v -> v.patronId() == patronId);
        }
    }

    /** How many successful checks are remembered now (expired ones included until touched or evicted). */
    public int rememberedChecks() {
        synchronized (verified) {
            return verified.size();
        }
    }

    /** How many PINs went through the slow check (PBKDF2 or bcrypt) since this verifier was built. */
    public long slowChecks() {
        return slowChecks.sum();
    }

    /** How many checks were refused without hashing because the patron's PIN was locked. */
    public long lockedRefusals() {
        return lockedRefusals.sum();
    }

    private boolean locked(long patronId, Instant now) {
        synchronized (failures) {
            Failures f = failures.get(patronId);
            if (f == null || f.lockedUntil == null) {
                return false;
            }
            if (now.isBefore(f.lockedUntil)) {
                return true;
            }
            failures.remove(patronId);
            return false;
        }
    }

    private boolean remembered(String key, Instant now) {
        synchronized (verified) {
            Remembered r = verified.get(key);
            if (r == null) {
                return false;
            }
            if (now.isBefore(r.expires())) {
                return true;
            }
            verified.remove(key);
            return false;
        }
    }

    private boolean hasVerdicts() {
        synchronized (verdicts) {
            return !verdicts.isEmpty();
        }
    }

    /** The verdict kept for this key by {@link #checkAhead}, removed; null when there is none (or it expired). */
    private Boolean takeVerdict(String key, Instant now) {
        synchronized (verdicts) {
            Verdict v = verdicts.remove(key);
            return v == null || !now.isBefore(v.expires()) ? null : v.match();
        }
    }

    private void succeeded(long patronId) {
        synchronized (failures) {
            failures.remove(patronId);
        }
    }

    private Result failed(long patronId, String barcode, Instant now) {
        if (!settings.lockOn()) {
            return Result.INVALID;
        }
        boolean lockedNow;
        synchronized (failures) {
            Failures f = failures.get(patronId);
            if (f == null || !now.isBefore(f.last.plus(settings.lockTime()))) {
                f = new Failures();
                failures.put(patronId, f);
            }
            f.count++;
            f.last = now;
            lockedNow = f.count >= settings.maxFailures() && f.lockedUntil == null;
            if (lockedNow) {
                f.lockedUntil = now.plus(settings.lockTime());
            }
        }
        if (lockedNow) {
            LOG.warn("patron {}: PIN locked for {} after {} failed PIN checks", barcode, settings.lockTime(), settings.maxFailures());
        }
        return Result.INVALID;
    }

    private String cacheKey(long patronId, String storedHash, String pin) {
        Mac mac = macs.get();
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(patronId).array());
        mac.update(framed(storedHash));
        mac.update(framed(pin));
        return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal());
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " unavailable", e);
        }
    }

    private static <K, V> Map<K, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private record Remembered(long patronId, Instant expires) {
    }

    private record Verdict(long patronId, boolean match, Instant expires) {
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant lockedUntil;
    }

    /** A length-prefixed part, so the concatenation of parts is unambiguous. */
    private static byte[] framed(String part) {
        byte[] data = part.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + data.length).putInt(data.length).put(data).array();
    }
}
