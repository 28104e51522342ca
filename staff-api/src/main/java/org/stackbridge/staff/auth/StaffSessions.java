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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens of logged-in staff. A token is 256 random bits; only its SHA-256 is kept, in a bounded map in
 * memory: beyond {@code maxSessions} the oldest session is dropped. A token expires {@code lifetime} after login.
 * Tokens do not survive a restart: staff log in again.
 */
public final class StaffSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration lifetime;
    private final int maxSessions;
    private final Map<String, StaffSession> byTokenHash = new LinkedHashMap<>();

    public StaffSessions(Clock clock, Duration lifetime, int maxSessions) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxSessions = maxSessions;
    }

    /** A new token: the session is stored under its hash; the token itself is returned once, never kept. */
    public synchronized Issued open(String login, org.stackbridge.core.model.StaffRole role, String library, String institution) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        StaffSession session = new StaffSession(login, role, library, institution, clock.instant().plus(lifetime));
        dropExpired();
        while (byTokenHash.size() >= maxSessions) {
            Iterator<String> oldest = byTokenHash.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byTokenHash.put(hash(token), session);
        return new Issued(token, session);
    }

    /** The live session of a token; empty for an unknown or expired one. */
    public synchronized Optional<StaffSession> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        String key = hash(token);
        StaffSession s = byTokenHash.get(key);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expiresAt())) {
            byTokenHash.remove(key);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Ends a session; true when the token was live. */
    public synchronized boolean close(String token) {
        return token != null && byTokenHash.remove(hash(token)) != null;
    }

    /** Ends every session of a login (its account was disabled or changed); answers how many. */
    public synchronized int closeAll(String login) {
        int before = byTokenHash.size();
        byTokenHash.values().removeIf(s -> s.login().equals(login));
        return before - byTokenHash.size();
    }

    /** Ends every session {@code stillValid} refuses (e.g. of accounts disabled elsewhere); answers how many. */
    public synchronized int retain(java.util.function.Predicate<StaffSession> stillValid) {
        int before = byTokenHash.size();
        byTokenHash.values().removeIf(s -> !stillValid.test(s));
        return before - byTokenHash.size();
    }

    public synchronized int size() {
        return byTokenHash.size();
    }

    private void dropExpired() {
        Instant now = clock.instant();
        byTokenHash.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    }

    private static String hash(String token) {
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
