package org.stackbridge.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.staff.auth.StaffSessions;

/**
 * Keeps this gateway's read-mostly views in step with administration changes: the rule table (with the stored SIP2
 * terminal profiles, reloaded by the same runnable), the libraries and calendars the JDBC storage keeps in memory, and
 * the staff tokens this node validated recently (the tokens themselves are in the database). A change made through this gateway refreshes them at once, before its answer (rule events
 * after commit; the storage drops a saved library itself); a
 * change made elsewhere (another gateway on the same PostgreSQL database, or the command line) increments the
 * settings revision in the database, which this watcher polls every {@code engine.settings-refresh-seconds}: such a
 * change is seen within that time. Everything else an administration change touches (SIP2 and staff accounts, code
 * lists) is read from the database by each command and needs no refresh.
 */
final class SettingsWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsWatcher.class);

    private final TransactionRunner storage;
    private final Runnable reloadRules;
    private final StaffSessions sessions;
    private final ScheduledExecutorService timer;
    private volatile long seen;

    SettingsWatcher(TransactionRunner storage, Runnable reloadRules, StaffSessions sessions) {
        this.storage = storage;
        this.reloadRules = reloadRules;
        this.sessions = sessions;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "settings-watcher");
            t.setDaemon(true);
            return t;
        });
        this.seen = storage.read(tx -> tx.revision().current()).join();
    }

    /** Polls the revision every {@code interval}; zero or less: only changes made through this gateway refresh. */
    SettingsWatcher start(Duration interval) {
        if (!interval.isZero() && !interval.isNegative()) {
            timer.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Events committed by this gateway: a rule change reloads the rule table now. Runs on a storage completion thread. */
    void published(List<CirculationEvent> events) {
        if (events.stream().anyMatch(e -> e.type() == EventType.RULE_CHANGED || e.type() == EventType.CODE_CHANGED
                || e.type() == EventType.TERMINAL_PROFILE_CHANGED)) {
            reloadRules.run();
        }
    }

    /** Reads the revision; when it moved, reloads the rules and re-checks cached tokens against their accounts at their next use. */
    void poll() {
        try {
            long now = storage.read(tx -> tx.revision().current()).get(30, TimeUnit.SECONDS);
            if (now == seen) {
                return;
            }
            seen = now;
            reloadRules.run();
            // tokens live in the database; forgetting the ones validated here makes the next use re-check its account
            int forgotten = sessions.forgetCached();
            LOG.info("settings changed elsewhere (revision {}): rules reloaded, {} cached staff token(s) to re-check", now, forgotten);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("reading the settings revision failed; will retry", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
