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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.stackbridge.staff.auth.StaffSessions;

/**
 * Console sessions in memory (they do not survive a restart). The cookie value is a staff token from a
 * {@link StaffSessions} of the console's own (so sign-in runs through the staff API's authenticator and throttle, and a
 * session ends at the latest {@code maxLifetime} after sign-in); on top of it this class ends a session after
 * {@code idle} without a request and keeps each session's CSRF token. Only SHA-256 hashes of cookie values are kept.
 */
public final class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration idle;
    private final int maxSessions;
    private final StaffSessions tokens;
    private final Map<String, Activity> byTokenHash = new LinkedHashMap<>();

    private static final class Activity {
        final String csrf;
        Instant lastSeen;

        Activity(String csrf, Instant lastSeen) {
            this.csrf = csrf;
            this.lastSeen = lastSeen;
        }
    }

    public ConsoleSessions(Clock clock, Duration idle, Duration maxLifetime, int maxSessions) {
        this.clock = clock;
        this.idle = idle;
        this.maxSessions = maxSessions;
        this.tokens = new StaffSessions(clock, maxLifetime, maxSessions);
    }

    /** Where the staff authenticator opens the console's tokens. */
    public StaffSessions tokens() {
        return tokens;
    }

    /** Starts tracking a token just issued at sign-in; its session gets a fresh CSRF token. */
    public synchronized ConsoleSession started(StaffSessions.Issued issued) {
        Instant now = clock.instant();
        byTokenHash.values().removeIf(a -> !now.isBefore(a.lastSeen.plus(idle)));
        while (byTokenHash.size() >= maxSessions) {
            Iterator<String> oldest = byTokenHash.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Activity a = new Activity(randomToken(), now);
        byTokenHash.put(hash(issued.token()), a);
        return new ConsoleSession(issued.session(), a.csrf);
    }

    /** The live session of a cookie value, counting this request as activity; empty when unknown, idle too long or expired. */
    public synchronized Optional<ConsoleSession> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        String key = hash(token);
        Activity a = byTokenHash.get(key);
        var staff = tokens.find(token);
        Instant now = clock.instant();
        if (a == null || staff.isEmpty() || !now.isBefore(a.lastSeen.plus(idle))) {
            byTokenHash.remove(key);
            tokens.close(token);
            return Optional.empty();
        }
        a.lastSeen = now;
        return Optional.of(new ConsoleSession(staff.get(), a.csrf));
    }

    /** Signs out; true when the session was live. */
    public synchronized boolean end(String token) {
        if (token == null || token.length() > 128) {
            return false;
        }
        byTokenHash.remove(hash(token));
        return tokens.close(token);
    }

    public synchronized int size() {
        return byTokenHash.size();
    }

    /** 256 random bits, URL-safe: CSRF tokens and the sign-in form's pre-session token. */
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

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
