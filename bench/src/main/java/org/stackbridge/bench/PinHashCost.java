package org.stackbridge.bench;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.stackbridge.core.security.PinSettings;
import org.stackbridge.core.security.PinVerifier;
import org.stackbridge.core.security.SecretHasher;

/**
 * What one patron PIN check costs on this machine, on one thread, with no JMH: the slow checks the gateway runs
 * once per kiosk visit ({@link SecretHasher#verify} at the default 120,000 PBKDF2-HMAC-SHA256 rounds; the same at
 * {@value #FEWER_ROUNDS} rounds, as a library that sets {@code security.hash-iterations} lower or imports such hashes
 * gets; bcrypt at cost {@value #KOHA_BCRYPT_COST}, as Koha stores patron passwords and an import keeps them), and the
 * PIN cache's hit path ({@link PinVerifier#verify} for a PIN already verified: an HMAC-SHA256 of patron and PIN and
 * a map look-up). Each slow check is timed over {@value #HASHES} runs after {@value #WARMUP} untimed ones.
 *
 * <pre>java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.PinHashCost</pre>
 */
public final class PinHashCost {

    static final int HASHES = 50;
    static final int WARMUP = 10;
    /** Fewer PBKDF2 rounds than the default, for the comparison only (the product's default stays 120,000). */
    static final int FEWER_ROUNDS = 10_000;
    /** Koha's bcrypt cost (Koha::AuthUtils::hash_password uses "$2a$08$"). */
    static final int KOHA_BCRYPT_COST = 8;

    /**
     * One slow-check format: its label, the stored hash of the bench PIN, and per check the CPU time of the thread
     * that ran it ({@code millis}, what the ceilings rest on: on a loaded machine the wall time also counts waiting for
     * a core) and the wall time.
     */
    public record Cost(String label, String storedHash, double millis, double wallMillis) {
        /** Checks per second two cores could run if they did nothing else. */
        double perSecondOnTwoCores() {
            return 2 * 1000 / millis;
        }
    }

    /** The slow checks, and the cache hit path in microseconds. */
    public record Costs(List<Cost> slow, double cacheHitMicros) {
        Cost of(String labelStart) {
            return slow.stream().filter(c -> c.label().startsWith(labelStart)).findFirst().orElseThrow();
        }
    }

    private PinHashCost() {
    }

    public static void main(String[] args) {
        Costs costs = measure(Sip2GatewayBench.PIN);
        print(costs, List.of(1, 3, 10));
    }

    /** The stored hash a format gives {@code pin}: {@code pbkdf2-120000}, {@code pbkdf2-10000}, {@code bcrypt-8}. */
    static String storedHash(String format, String pin) {
        return switch (format) {
            case "pbkdf2-120000" -> SecretHasher.standard().hash(pin);
            case "pbkdf2-10000" -> new SecretHasher(FEWER_ROUNDS).hash(pin);
            case "bcrypt-8" -> BCrypt.hashpw(pin, BCrypt.gensalt(KOHA_BCRYPT_COST));
            default -> throw new IllegalArgumentException(format);
        };
    }

    static Costs measure(String pin) {
        Cost pbkdf2 = time("PBKDF2-HMAC-SHA256, 120,000 rounds (the default)", storedHash("pbkdf2-120000", pin),
                (p, h) -> SecretHasher.verify(p, h), pin);
        Cost fewer = time("PBKDF2-HMAC-SHA256, 10,000 rounds (security.hash-iterations: 10000 or imported)",
                storedHash("pbkdf2-10000", pin), (p, h) -> SecretHasher.verify(p, h), pin);
        Cost bcrypt = time("bcrypt cost 8 (Koha's hashes, imported as is)", storedHash("bcrypt-8", pin), BCrypt::checkpw, pin);
        return new Costs(List.of(pbkdf2, fewer, bcrypt), cacheHitMicros(pbkdf2.storedHash(), pin));
    }

    private static Cost time(String label, String stored, PinVerifier.SlowCheck check, String pin) {
        for (int i = 0; i < WARMUP; i++) {
            require(check.matches(pin, stored), label);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < HASHES; i++) {
            require(check.matches(pin, stored), label);
        }
        long wall = System.nanoTime() - t0;
        return new Cost(label, stored, (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / HASHES, wall / 1e6 / HASHES);
    }

    /** The gateway's verifier with its cache on: one slow check, then hits only (1,000,000, the first 200,000 untimed; thread CPU time). */
    private static double cacheHitMicros(String stored, String pin) {
        PinVerifier verifier = new PinVerifier(Clock.systemUTC(), PinSettings.DEFAULTS);
        int warm = 200_000;
        int timed = 800_000;
        for (int i = 0; i < warm; i++) {
            require(verifier.verify(1L, "BP1", stored, pin) == PinVerifier.Result.VALID, "cache");
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < timed; i++) {
            require(verifier.verify(1L, "BP1", stored, pin) == PinVerifier.Result.VALID, "cache");
        }
        double micros = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / timed;
        require(verifier.slowChecks() == 1, "the cache hit path hashed again");
        return micros;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + ": the bench PIN did not verify");
        }
    }

    /** Prints the costs and what they allow on two cores, for {@code pairsPerVisit} checkouts per visit. */
    static void print(Costs costs, List<Integer> pairsPerVisit) {
        System.out.printf(Locale.ROOT, "%n### PIN check cost on one thread (%d checks after %d untimed, the thread's CPU time; no JMH)%n%n",
                HASHES, WARMUP);
        StringBuilder head = new StringBuilder("| slow check | CPU ms per check | wall ms | checks/s on 2 cores (nothing else running)");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:");
        for (int n : pairsPerVisit) {
            head.append(" | pairs/s ceiling, ").append(n).append(n == 1 ? " checkout" : " checkouts").append(" per visit");
            rule.append("|---:");
        }
        System.out.println(head.append(" |"));
        System.out.println(rule.append("|"));
        for (Cost c : costs.slow()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %,.0f", c.label(), c.millis(),
                    c.wallMillis(), c.perSecondOnTwoCores()));
            for (int n : pairsPerVisit) {
                row.append(String.format(Locale.ROOT, " | %,.0f", n * c.perSecondOnTwoCores()));
            }
            System.out.println(row.append(" |"));
        }
        System.out.printf(Locale.ROOT, "%nPIN cache hit (HMAC-SHA256 of patron, stored hash and PIN, then a map look-up): %.2f µs per check;"
                + " 5,000 pairs/s with a check per checkout would spend %.1f ms of CPU per second on it.%n", costs.cacheHitMicros(),
                5_000 * costs.cacheHitMicros() / 1000);
        Cost d = costs.of("PBKDF2-HMAC-SHA256, 120,000");
        System.out.printf(Locale.ROOT, "5,000 pairs/s with a new patron (one full check) every N checkouts needs %.0f / N checks/s; two cores"
                + " give at most %.0f, so N >= %.0f checkouts per visit, with nothing left for SIP2, the engine or the database.%n",
                5_000.0, d.perSecondOnTwoCores(), Math.ceil(5_000 / d.perSecondOnTwoCores()));
    }
}
