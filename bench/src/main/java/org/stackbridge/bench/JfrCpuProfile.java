package org.stackbridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a gateway's CPU goes, from a JFR recording's execution samples ({@code jdk.ExecutionSample}: Java threads
 * running Java code; GC and JIT threads are not sampled). Each sample gets a <em>part</em>, from the leaf upwards
 * the first frame that names one (JDK frames name none, so a SHA-256 round inside PBKDF2 counts as PBKDF2 and a
 * file sync inside H2 as SQL), and a <em>command</em>, from any frame of the SIP2 handler or the engine method that
 * serves 63, 11, 09 or 93 (the login's password check); the rest (socket I/O, framing, Camel routing, the shared commit) has none.
 *
 * <pre>java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.JfrCpuProfile kiosk.jfr</pre>
 */
public final class JfrCpuProfile {

    static final List<String> PARTS = List.of("PBKDF2 (PIN hash)", "bcrypt (PIN hash)", "PIN cache (HMAC)",
            "SQL (JDBC store + H2/PostgreSQL driver, commit)", "SIP2 codec (framing, decode, encode)", "Netty (event loop, socket I/O)",
            "Camel (route, threads)", "engine (core: policies, desks)", "SIP2 listener (handlers, mapping, session)",
            "logging and metrics", "other (JDK and the rest)");
    static final List<String> COMMANDS = List.of("63", "11", "09", "93", "none");

    /** Sample counts per part (rows, in {@link #PARTS} order) and command (columns, {@link #COMMANDS} order). */
    public record Profile(long[][] samples, long total) {
        long part(int p) {
            long s = 0;
            for (long v : samples[p]) {
                s += v;
            }
            return s;
        }

        long command(int c) {
            long s = 0;
            for (long[] row : samples) {
                s += row[c];
            }
            return s;
        }
    }

    private JfrCpuProfile() {
    }

    public static void main(String[] args) throws IOException {
        print(read(Path.of(args[0])), 0, null);
    }

    static Profile read(Path jfr) throws IOException {
        return read(jfr, Instant.MIN, Instant.MAX);
    }

    /** The samples taken from {@code from} to {@code to}. */
    static Profile read(Path jfr, Instant from, Instant to) throws IOException {
        long[][] samples = new long[PARTS.size()][COMMANDS.size()];
        long total = 0;
        try (RecordingFile in = new RecordingFile(jfr)) {
            while (in.hasMoreEvents()) {
                RecordedEvent e = in.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                        || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                samples[part(frames)][command(frames)]++;
                total++;
            }
        }
        return new Profile(samples, total);
    }

    static int part(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            RecordedMethod m = f.getMethod();
            if (m == null) {
                continue;
            }
            int p = part(m.getType().getName(), m.getName());
            if (p >= 0) {
                return p;
            }
        }
        return PARTS.size() - 1;
    }

    /** The part a frame names, or -1 (JDK frames, so the caller decides). */
    static int part(String type, String method) {
        if (type.equals("org.stackbridge.core.security.SecretHasher")) {
            return 0;
        }
        if (type.startsWith("org.springframework.security.crypto.bcrypt.")) {
            return 1;
        }
        if (type.equals("org.stackbridge.core.security.PinVerifier") && method.equals("cacheKey")) {
            return 2;
        }
        if (type.startsWith("org.h2.") || type.startsWith("org.postgresql.") || type.startsWith("org.stackbridge.adapter.jdbc.")
                || type.startsWith("org.flywaydb.")) {
            return 3;
        }
        if (type.startsWith("org.stackbridge.sip2.codec.")) {
            return 4;
        }
        if (type.startsWith("io.netty.")) {
            return 5;
        }
        if (type.startsWith("org.apache.camel.")) {
            return 6;
        }
        if (type.startsWith("org.stackbridge.core.")) {
            return 7;
        }
        if (type.startsWith("org.stackbridge.sip2.") || type.startsWith("org.stackbridge.net.")) {
            return 8;
        }
        if (type.startsWith("io.micrometer.") || type.startsWith("ch.qos.logback.") || type.startsWith("org.slf4j.")) {
            return 9;
        }
        if (type.startsWith("org.stackbridge.")) {
            return 10;
        }
        return -1;
    }

    static int command(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            RecordedMethod m = f.getMethod();
            if (m == null) {
                continue;
            }
            String t = m.getType().getName();
            String n = m.getName();
            if (t.endsWith(".PatronInformationHandler") || t.endsWith(".EngineViews") && n.equals("lookupPatron")) {
                return 0;
            }
            if (t.endsWith(".CheckoutHandler") || t.endsWith(".LendingDesk") && n.equals("checkOut")) {
                return 1;
            }
            if (t.endsWith(".CheckinHandler") || t.endsWith(".ReturnsDesk") && n.equals("checkIn")) {
                return 2;
            }
            if (t.endsWith(".LoginHandler") || t.endsWith(".AdministrationDesk") && n.equals("authenticateTerminal")) {
                return 3;
            }
        }
        return 4;
    }

    /**
     * Prints the profile as a markdown table of shares; with the process CPU of the profiled run and its messages of
     * each kind ({@code messagesByCommand}: 63, 11, 09), also CPU per message of each kind, unattributed CPU spread
     * over all messages.
     */
    static void print(Profile p, double cpuMillis, Map<String, Long> messagesByCommand) {
        System.out.printf(Locale.ROOT, "%d execution samples (Java threads running Java code)%n%n", p.total());
        System.out.println("| part | 63 (patron info, AD) | 11 (checkout, AD) | 09 (checkin) | 93 (login) | no command (I/O, routing, commit) | all |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int r = 0; r < PARTS.size(); r++) {
            // the PIN cache's row shows even when empty: that its hit path costs (next to) nothing is a finding
            if (p.part(r) == 0 && !PARTS.get(r).startsWith("PIN cache")) {
                continue;
            }
            StringBuilder row = new StringBuilder("| ").append(PARTS.get(r));
            for (int c = 0; c < COMMANDS.size(); c++) {
                row.append(" | ").append(pct(p.samples()[r][c], p.total()));
            }
            System.out.println(row.append(" | ").append(pct(p.part(r), p.total())).append(" |"));
        }
        StringBuilder all = new StringBuilder("| **all**");
        for (int c = 0; c < COMMANDS.size(); c++) {
            all.append(" | ").append(pct(p.command(c), p.total()));
        }
        System.out.println(all.append(" | 100 % |"));
        if (messagesByCommand != null && cpuMillis > 0 && p.total() > 0) {
            long messages = messagesByCommand.values().stream().mapToLong(Long::longValue).sum();
            int none = COMMANDS.size() - 1;
            double unattributedPerMessage = cpuMillis * 1000 * p.command(none) / p.total() / messages;
            Map<String, String> perKind = new LinkedHashMap<>();
            for (int c = 0; c < none; c++) {
                long n = messagesByCommand.getOrDefault(COMMANDS.get(c), 0L);
                if (n == 0) {
                    continue;
                }
                double own = n == 0 ? 0 : cpuMillis * 1000 * p.command(c) / p.total() / n;
                perKind.put(COMMANDS.get(c), String.format(Locale.ROOT, "%,.0f µs own + %,.0f µs shared = %,.0f µs", own,
                        unattributedPerMessage, own + unattributedPerMessage));
            }
            System.out.printf(Locale.ROOT, "%nGateway process CPU in the profiled run: %,.0f ms for %,d messages (%s). CPU per message by kind"
                    + " (the samples' shares of that CPU; GC and JIT, not sampled, spread in proportion): %s%n", cpuMillis, messages,
                    messagesByCommand, perKind);
        }
    }

    private static String pct(long n, long total) {
        return total == 0 ? "—" : String.format(Locale.ROOT, "%.1f %%", 100.0 * n / total);
    }
}
