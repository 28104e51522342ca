package org.stackbridge.core.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.core.port.EventSink;
import org.stackbridge.core.port.StorageUnavailableException;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.security.PinHashing;
import org.stackbridge.core.security.PinVerifier;

/**
 * Runs commands on the embedded engine: reads on the read path, writes through the (batching)
 * transaction runner. A command with a request key stores its outcome in the same transaction, so a
 * repeat returns the first outcome and acts once. Events are published after commit.
 */
public final class LocalCirculationPort implements CirculationPort {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCirculationPort.class);
    private static final int MAX_STORED_OUTCOME_BYTES = 1 << 20;
    private static final Duration MAX_PURGE_INTERVAL = Duration.ofHours(1);

    /** Refusal texts: internal class names and database messages stay in the log, never reach a patron or partner. */
    static final String UNAVAILABLE = "Service unavailable: the database cannot be reached; nothing was changed. Try again later.";
    static final String SYSTEM_ERROR = "System error; nothing was changed.";
    static final String PIN_CHECKS_BUSY = "Too many PIN checks at once; nothing was changed. Try again in a moment.";

    private final CirculationEngine engine;
    private final TransactionRunner runner;
    private final EventSink sink;
    /** Where patron PINs are hashed, off the storage threads; null: on them, inside the command's transaction. */
    private final PinHashing hashing;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    public LocalCirculationPort(CirculationEngine engine, TransactionRunner runner, EventSink sink) {
        this(engine, runner, sink, null);
    }

    /**
     * A port that hashes patron PINs on {@code hashing}: a command whose PIN is neither in the cache nor locked is
     * rolled back before it writes, its PIN hashed there, and the command run again, so no storage thread (and its
     * connection) waits for a PBKDF2. When {@code hashing}'s queue is full the command is refused at once with
     * {@link RefusalReason#SERVICE_UNAVAILABLE} ({@link #PIN_CHECKS_BUSY}), nothing changed.
     */
    public LocalCirculationPort(CirculationEngine engine, TransactionRunner runner, EventSink sink, PinHashing hashing) {
        this.engine = engine;
        this.runner = runner;
        this.sink = sink;
        this.hashing = hashing;
    }

    public CirculationEngine engine() {
        return engine;
    }

    @Override
    public <R> CompletionStage<Outcome<R>> execute(Command<R> command) {
        return execute(command, hashing != null);
    }

    private <R> CompletionStage<Outcome<R>> execute(Command<R> command, boolean deferPins) {
        CompletableFuture<Result<R>> run;
        try {
            run = command.mutating() ? runner.write(command.context().orderingKey(), store -> apply(command, new EngineTx(store, engine.clock()), true, deferPins))
                    : runner.read(store -> apply(command, new EngineTx(store, engine.clock()), false, deferPins));
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        String key = command.context().requestKey();
        if (command.mutating() && key != null && !key.isBlank()) {
            purgeWhenDue();
        }
        if (deferPins) {
            CompletableFuture<Result<R>> ran = run;
            return ran.handle((result, error) -> error).thenCompose(error -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                return cause instanceof PinVerifier.SlowCheckNeeded needed ? hashThenRun(command, needed) : finish(command, ran);
            });
        }
        return finish(command, run);
    }

    /**
     * The PIN hashed on the hashing threads, then the command run again (taking the verdict instead of hashing; should
     * the patron's PIN have changed meanwhile, or a concurrent check of the same wrong PIN have taken the verdict, it
     * hashes inline rather than going round again).
     */
    private <R> CompletionStage<Outcome<R>> hashThenRun(Command<R> command, PinVerifier.SlowCheckNeeded needed) {
        CompletableFuture<Void> hashed;
        try {
            hashed = engine.pins().checkAhead(needed, hashing);
        } catch (RejectedExecutionException e) {
            LOG.debug("command {} refused: PIN hashing queue full", command.getClass().getSimpleName());
            return CompletableFuture.completedFuture(Outcome.refused(RefusalReason.SERVICE_UNAVAILABLE, PIN_CHECKS_BUSY));
        }
        return hashed.handle((done, error) -> error).thenCompose(error -> {
            if (error != null) {
                LOG.warn("PIN check ahead failed; checking in the transaction", error);
            }
            return execute(command, false);
        });
    }

    private <R> CompletionStage<Outcome<R>> finish(Command<R> command, CompletableFuture<Result<R>> run) {
        return run.handle((result, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof StorageUnavailableException) {
                    // the breaker logged the outage once; one line per refused command would flood the log
                    LOG.debug("command {} refused: {}", command.getClass().getSimpleName(), cause.getMessage());
                    return Outcome.refused(RefusalReason.SERVICE_UNAVAILABLE, UNAVAILABLE);
                }
                LOG.error("command {} failed", command.getClass().getSimpleName(), cause);
                return Outcome.refused(RefusalReason.SYSTEM_ERROR, SYSTEM_ERROR);
            }
            if (!result.events.isEmpty()) {
                try {
                    sink.published(result.events);
                } catch (RuntimeException e) {
                    LOG.warn("event sink failed; events remain in the event log", e);
                }
            }
            return result.outcome;
        });
    }

    /** False while the storage is known to be unreachable (its circuit breaker is open). */
    @Override
    public boolean available() {
        return runner.available();
    }

    /** Drops stored outcomes of keyed requests older than {@link EngineSettings#requestKeyTtl()}; returns how many. */
    public CompletableFuture<Integer> purgeExpiredRequestKeys() {
        Instant cutoff = engine.clock().instant().minus(engine.settings().requestKeyTtl());
        return runner.write(tx -> tx.requestKeys().purgeBefore(cutoff));
    }

    /** Keyed requests trigger a purge at most once per interval, so stored outcomes never grow without bound. */
    private void purgeWhenDue() {
        Instant now = engine.clock().instant();
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(purgeInterval()))) {
            return;
        }
        try {
            purgeExpiredRequestKeys().whenComplete((n, e) -> {
                if (e != null) {
                    LOG.warn("purging expired request keys failed; will retry", e);
                } else if (n > 0) {
                    LOG.debug("purged {} expired request keys", n);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("purging expired request keys failed; will retry", e);
        }
    }

    private Duration purgeInterval() {
        Duration ttl = engine.settings().requestKeyTtl();
        return ttl.compareTo(MAX_PURGE_INTERVAL) < 0 ? ttl : MAX_PURGE_INTERVAL;
    }

    private <R> Result<R> apply(Command<R> command, EngineTx tx, boolean write, boolean deferPins) {
        return deferPins ? engine.pins().deferringSlowChecks(() -> apply(command, tx, write)) : apply(command, tx, write);
    }

    private <R> Result<R> apply(Command<R> command, EngineTx tx, boolean write) {
        String key = command.context().requestKey();
        if (write && key != null && !key.isBlank()) {
            key = RetransmissionKeys.resolve(command.context(), key, tx.store().requestKeys());
            Optional<byte[]> stored = tx.store().requestKeys().find(command.context().keyScope(), key);
            String fingerprint = fingerprint(command);
            if (stored.isPresent()) {
                Object first = read(stored.get());
                if (first instanceof StoredOutcome s && !s.fingerprint().equals(fingerprint)) {
                    // Answering with another request's outcome would be wrong (and the wrong type): refuse instead.
                    return new Result<>(Outcome.refused(RefusalReason.DUPLICATE,
                            "Request key " + key + " was already used for a different request"), List.of());
                }
                @SuppressWarnings("unchecked")
                Outcome<R> replay = (Outcome<R>) (first instanceof StoredOutcome s ? s.outcome() : first);
                return new Result<>(replay, List.of());
            }
            Outcome<R> outcome = engine.handle(command, tx);
            byte[] bytes = serialize(new StoredOutcome(fingerprint, outcome));
            if (bytes.length <= MAX_STORED_OUTCOME_BYTES) {
                tx.store().requestKeys().put(command.context().keyScope(), key, bytes, tx.now());
            }
            return new Result<>(outcome, tx.logged());
        }
        return new Result<>(engine.handle(command, tx), tx.logged());
    }

    private record Result<R>(Outcome<R> outcome, List<CirculationEvent> events) {
    }

    /** What a request key remembers: which request it was (no PIN in it) and its outcome. */
    private record StoredOutcome(String fingerprint, Outcome<?> outcome) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * SHA-256 over the command type and its fields except the context and secrets, so a key reused for a
     * different request is recognised without storing what was asked.
     */
    static String fingerprint(Command<?> command) {
        StringBuilder text = new StringBuilder(command.getClass().getName());
        if (command.getClass().isRecord()) {
            for (RecordComponent c : command.getClass().getRecordComponents()) {
                String name = c.getName();
                if (name.equals("context") || name.equals("pin") || name.equals("password")) {
                    continue;
                }
                try {
                    text.append('\u0001').append(name).append('=').append(c.getAccessor().invoke(command));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    text.append('\u0001').append(name).append("=?");
                }
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Marks a deflated stored outcome; raw Java serialization starts with 0xACED instead. */
    private static final byte DEFLATED = 'Z';

    /**
     * The compact record form ({@link CompactRecords}); for a value it cannot write, Java serialization,
     * deflated. Every keyed command writes one in its transaction, so size and CPU count: a SIP2
     * checkout's outcome is about 2.2 KB in Java serialization, 1.2 KB deflated, and a few hundred bytes
     * in the compact form.
     */
    static byte[] serialize(Object outcome) {
        try {
            return CompactRecords.encode(outcome);
        } catch (CompactRecords.Unsupported e) {
            LOG.debug("outcome stored with Java serialization: {}", e.getMessage());
        }
        return javaSerialized(outcome);
    }

    static byte[] javaSerialized(Object outcome) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(2560);
        try (ObjectOutputStream out = new ObjectOutputStream(raw)) {
            out.writeObject(outcome);
        } catch (IOException e) {
            throw new IllegalStateException("outcome not serializable: " + outcome, e);
        }
        if (raw.size() > MAX_STORED_OUTCOME_BYTES) {
            return raw.toByteArray();
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw.toByteArray());
            deflater.finish();
            ByteArrayOutputStream packed = new ByteArrayOutputStream(raw.size() / 3 + 16);
            packed.write(DEFLATED);
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                packed.write(buffer, 0, deflater.deflate(buffer));
            }
            return packed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @SuppressWarnings("unchecked")
    static <R> Outcome<R> deserialize(byte[] data) {
        Object o = read(data);
        return (Outcome<R>) (o instanceof StoredOutcome s ? s.outcome() : o);
    }

    private static Object read(byte[] stored) {
        if (stored.length > 0 && stored[0] == CompactRecords.MARKER) {
            try {
                return CompactRecords.decode(stored);
            } catch (RuntimeException e) {
                throw new IllegalStateException("stored outcome unreadable", e);
            }
        }
        byte[] data = stored.length > 0 && stored[0] == DEFLATED ? inflate(stored) : stored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            // Only our own value types and the JDK's may be read back.
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "org.stackbridge.core.**;java.**;maxdepth=20;maxbytes=" + MAX_STORED_OUTCOME_BYTES + ";!*"));
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("stored outcome unreadable", e);
        }
    }

    private static byte[] inflate(byte[] stored) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored, 1, stored.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 5);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("stored outcome truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_STORED_OUTCOME_BYTES) {
                    throw new IllegalStateException("stored outcome too large");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored outcome unreadable", e);
        } finally {
            inflater.end();
        }
    }
}
