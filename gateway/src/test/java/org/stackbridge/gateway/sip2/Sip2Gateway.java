package org.stackbridge.gateway.sip2;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.TestGateways;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;

/**
 * The whole gateway (storage, engine, Camel, listeners) with SIP2 on a free port of 127.0.0.1, for SIP2 tests over a
 * real socket. Library MAIN (institution MAIN) is in America/New_York; accounts kiosk/kiosk and other/other (profile
 * default), ibm/ibm (profile ibm850), latin/latin (profile latin1), sorter/sorter (profile sorter) and short/short
 * (profile short) at MAIN; patron P1; items I1..I80 titled "Dune"; item ACC titled "Le Pie\u0300ge de Bogota" and
 * item POL titled "Łódź" (both stored decomposed, as some imports do). Loans run 21 days, no loan limit.
 * Profiles are whatever the test's {@code sip2:} lines declare.
 */
public final class Sip2Gateway implements AutoCloseable {

    public static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
    public static final String DECOMPOSED_TITLE = "Le Pie\u0300ge de Bogota";
    public static final String POLISH_TITLE = java.text.Normalizer.normalize("Łódź", java.text.Normalizer.Form.NFD);

    public final Gateway gateway;
    public final Sip2Requests rq;

    private Sip2Gateway(Gateway gateway, Clock clock) {
        this.gateway = gateway;
        this.rq = new Sip2Requests(clock, "MAIN");
    }

    public static Sip2Gateway start(Path data, Clock clock, String... sip2Lines) throws Exception {
        return start(data, clock, false, sip2Lines);
    }

    /** As {@link #start}, and the gateway runs command lines sent to it ({@code bin/stackbridge ...}), as {@code serve} does. */
    public static Sip2Gateway startServingCommands(Path data, Clock clock, String... sip2Lines) throws Exception {
        return start(data, clock, true, sip2Lines);
    }

    private static Sip2Gateway start(Path data, Clock clock, boolean commands, String... sip2Lines) throws Exception {
        SecretHasher hasher = new SecretHasher(1_000);
        List<String> yaml = new ArrayList<>(List.of(
                "libraries:",
                "  - {code: MAIN, name: Main Library, institution: MAIN, timezone: America/New_York}",
                "sip2-accounts:"));
        for (String[] a : new String[][] {{"kiosk", "default"}, {"other", "default"}, {"ibm", "ibm850"}, {"latin", "latin1"},
                {"sorter", "sorter"}, {"short", "short"}}) {
            yaml.add("  - {login: " + a[0] + ", password-hash: \"" + hasher.hash(a[0]) + "\", institution: MAIN, profile: " + a[1] + "}");
        }
        yaml.addAll(List.of(
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, closed-days: keep}",
                "engine: {maintenance-minutes: 0}"));
        yaml.addAll(List.of(sip2Lines));
        Gateway g = commands ? TestGateways.startServingCommands(data, clock, yaml.toArray(String[]::new))
                : TestGateways.start(data, clock, yaml.toArray(String[]::new));
        try {
            g.storage().write(tx -> {
                tx.patrons().insert(new Patron(0, "P1", null, "Ada", "ADULT", null, null, null, LocalDate.of(2099, 1, 1), "MAIN", false));
                BibRecord dune = tx.bibs().insert(new BibRecord(0, "b1", "Dune", "Herbert, Frank", null, null, null, null));
                for (int i = 1; i <= 80; i++) {
                    tx.items().insert(item("I" + i, dune.id()));
                }
                BibRecord accented = tx.bibs().insert(new BibRecord(0, "b2", DECOMPOSED_TITLE, null, null, null, null, null));
                tx.items().insert(item("ACC", accented.id()));
                BibRecord polish = tx.bibs().insert(new BibRecord(0, "b3", POLISH_TITLE, null, null, null, null, null));
                tx.items().insert(item("POL", polish.id()));
                return null;
            }).join();
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return new Sip2Gateway(g, clock);
    }

    private static Item item(String barcode, long bib) {
        return new Item(0, barcode, bib, "BOOK", "MAIN", "MAIN", null, null, BigDecimal.TEN, ItemStatus.AVAILABLE, null, null);
    }

    public Sip2Client connect() throws IOException {
        return Sip2Client.connect("127.0.0.1", gateway.sip2().port());
    }

    public Sip2Client connect(Sip2Client.Options options) throws IOException {
        return Sip2Client.connect("127.0.0.1", gateway.sip2().port(), options);
    }

    public ItemStatus itemStatus(String barcode) {
        return gateway.storage().read(tx -> tx.items().byBarcode(barcode)).join().orElseThrow().status();
    }

    @Override
    public void close() {
        gateway.close();
    }

    /** Every log event of the gateway at DEBUG and above while open; restores the levels on close. */
    public static final class CapturedLogs implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Logger ours = (Logger) LoggerFactory.getLogger("org.stackbridge");
        private final Level oursBefore = ours.getLevel();
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        public CapturedLogs() {
            ours.setLevel(Level.DEBUG);
            appender.start();
            root.addAppender(appender);
        }

        /** Each event as text: level, logger, formatted message, MDC and throwable. */
        public synchronized List<String> lines() {
            List<String> out = new ArrayList<>();
            for (ILoggingEvent e : List.copyOf(appender.list)) {
                StringBuilder b = new StringBuilder().append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ')
                        .append(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
                if (e.getThrowableProxy() != null) {
                    b.append(' ').append(e.getThrowableProxy().getMessage());
                }
                out.add(b.toString());
            }
            return out;
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
            ours.setLevel(oursBefore);
        }
    }
}
