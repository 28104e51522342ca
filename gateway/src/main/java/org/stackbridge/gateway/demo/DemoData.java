package org.stackbridge.gateway.demo;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.importer.ImportReport;
import org.stackbridge.gateway.importer.MarcImporter;
import org.stackbridge.gateway.importer.Progress;
import org.stackbridge.sip2.server.Sip2Settings;
import org.stackbridge.ncip.config.NcipAgency;
import org.stackbridge.ncip.config.NcipDefaults;
import org.stackbridge.ncip.config.NcipSettings;
import java.util.Map;

/**
 * The generated demo library: three libraries in two institutions, patrons with known PINs, the bundled
 * Library of Congress / union-catalogue sample records, and items for them. Deterministic (fixed seed).
 */
public final class DemoData {

    public static final String PIN = "1234";
    public static final String SIP2_LOGIN = "kiosk";
    public static final String SIP2_PASSWORD = "kiosk";
    public static final String SIP2_LOGIN_NORTH = "kiosk-north";
    public static final String NCIP_PARTNER = "reshare";
    public static final String NCIP_SECRET = "demo-secret";
    /** The demo's staff API account: a librarian of MAIN. */
    public static final String STAFF_LOGIN = "librarian";
    public static final String STAFF_PASSWORD = "librarian";
    private static final long SEED = 20261129L;

    private DemoData() {
    }

    /** The demo's configuration: libraries, accounts and rules, on embedded storage in {@code dataDir}. */
    public static GatewayConfig config(Path dataDir, SecretHasher hasher) {
        List<GatewayConfig.LibraryConfig> libraries = List.of(
                new GatewayConfig.LibraryConfig("MAIN", "Main Library", "MAIN", "UTC", List.of("SUNDAY"), List.of("2026-12-25"), null),
                new GatewayConfig.LibraryConfig("EAST", "East Branch", "MAIN", "UTC", List.of("SUNDAY"), List.of("2026-12-25"), null),
                new GatewayConfig.LibraryConfig("NORTH", "North County Library", "NORTH", "UTC", List.of(), List.of(), null));
        List<GatewayConfig.AccountConfig> accounts = List.of(
                new GatewayConfig.AccountConfig(SIP2_LOGIN, hasher.hash(SIP2_PASSWORD), "MAIN", "default"),
                new GatewayConfig.AccountConfig(SIP2_LOGIN_NORTH, hasher.hash(SIP2_PASSWORD), "NORTH", "default"));
        List<GatewayConfig.RuleConfig> rules = List.of(
                new GatewayConfig.RuleConfig("*", "*", "*", 21, "days", 2, 21, 25, new BigDecimal("0.25"), 2, new BigDecimal("5.00"),
                        true, 7, "next-open-day", null),
                new GatewayConfig.RuleConfig("*", "CHILD", "*", 21, "days", 3, 21, 10, new BigDecimal("0.10"), 2, new BigDecimal("2.00"),
                        true, 7, "next-open-day", null),
                // DVDs are wanted back sooner: their overdue notices come after 1, 7 and 14 days
                new GatewayConfig.RuleConfig("*", "*", "DVD", 7, "days", 1, 7, 5, new BigDecimal("1.00"), 0, new BigDecimal("10.00"),
                        true, 3, "next-open-day", List.of(1, 7, 14)),
                new GatewayConfig.RuleConfig("*", "*", "REFERENCE", 0, "days", 0, 0, 0, BigDecimal.ZERO, 0, null, false, 0, "keep", null));
        Sip2Settings sip2 = Sip2Settings.defaults().withTls(Sip2Settings.Tls.selfSigned(6443));
        NcipSettings ncip = new NcipSettings(null, null, false,
                Map.of(NCIP_PARTNER, new NcipAgency(NCIP_SECRET, null, "reshare", null,
                        new NcipDefaults(null, null, null, "ILL-RESHARE", "MAIN", null), null, null, null, null)),
                Map.of("MAIN", "MAIN", "NORTH", "NORTH"), null, null, null);
        return new GatewayConfig(dataDir.toString(), null, null, null, libraries, null, null, accounts, rules, null,
                new GatewayConfig.Security(10_000, false), sip2, ncip, null, null, null, null, null, null, null, null, null, null,
                // no SMTP server in a demo: e-mail notices are written to <data-dir>/mail
                org.stackbridge.gateway.config.NoticesConfig.defaults().withMailFolder("mail"));
    }

    /** Loads patrons, records and items; returns a summary line. */
    public static String load(TransactionRunner storage, SecretHasher hasher, Instant now, Consumer<BibRecord> catalogueFeed)
            throws IOException {
        Random random = new Random(SEED);
        String pinHash = null;
        List<Patron> patrons = new ArrayList<>();
        String staffHash = hasher.hash(STAFF_PASSWORD);
        storage.write(tx -> {
            tx.staff().save(new org.stackbridge.core.model.StaffAccount(STAFF_LOGIN, staffHash,
                    org.stackbridge.core.model.StaffRole.LIBRARIAN, "MAIN", true));
            return null;
        }).join();
        String[] first = {"Ada", "Grace", "Alan", "Katherine", "Tim", "Margaret", "Linus", "Barbara", "Donald", "Frances"};
        String[] last = {"Lovelace", "Hopper", "Turing", "Johnson", "Berners-Lee", "Hamilton", "Torvalds", "Liskov", "Knuth", "Allen"};
        for (int i = 1; i <= 20; i++) {
            pinHash = hasher.hash(PIN);
            String category = i <= 14 ? "ADULT" : i <= 18 ? "CHILD" : "STAFF";
            // P0016's card runs out within the month (a membership notice); P0020's has run out
            LocalDate expires = i == 20 ? LocalDate.of(2025, 12, 31)
                    : i == 16 ? now.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(20) : LocalDate.of(2030, 12, 31);
            String name = first[i % first.length] + " " + last[(i * 7) % last.length];
            // every fifth patron asked for notices on paper (the print batch)
            patrons.add(new Patron(0, String.format("P%04d", i), pinHash, name, category,
                    String.format("p%04d@example.org", i), String.format("555-01%02d", i), i + " Library Lane\nSpringfield",
                    expires, i % 4 == 0 ? "EAST" : "MAIN", false, null,
                    i % 5 == 0 ? org.stackbridge.core.model.NoticePreference.PRINT : org.stackbridge.core.model.NoticePreference.EMAIL,
                    null));
        }
        patrons.add(new Patron(0, "ILL-RESHARE", null, "ReShare partner libraries", "ILL", null, null, null,
                LocalDate.of(2099, 12, 31), "MAIN", false));
        for (int i = 1; i <= 5; i++) {
            patrons.add(new Patron(0, String.format("N%04d", i), hasher.hash(PIN), "North Reader " + i, "ADULT",
                    String.format("n%04d@example.org", i), null, null, LocalDate.of(2030, 12, 31), "NORTH", false));
        }
        storage.write(tx -> {
            for (Patron p : patrons) {
                if (tx.patrons().byBarcode(p.barcode()).isEmpty()) {
                    Patron stored = tx.patrons().insert(p);
                    if (stored.barcode().equals("P0019")) {
                        tx.patrons().addBlock(new PatronBlock(0, stored.id(), "DESK", true, true, true,
                                "Please see the circulation desk", now, null));
                    }
                }
            }
            return null;
        }).join();

        Path marc = Files.createTempFile("stackbridge-demo", ".mrc");
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/catalog.mrc")) {
            if (in == null) {
                throw new IOException("demo catalogue missing from the application");
            }
            Files.copy(in, marc, StandardCopyOption.REPLACE_EXISTING);
        }
        ImportReport records;
        try {
            records = new MarcImporter(storage, catalogueFeed).run(marc, new Progress(System.err, false, 100, "records"));
        } finally {
            Files.deleteIfExists(marc);
        }
        List<BibRecord> bibs = storage.read(tx -> tx.bibs().page(0, 1000)).join();
        List<Item> items = new ArrayList<>();
        String[] types = {"BOOK", "BOOK", "BOOK", "BOOK", "DVD", "REFERENCE"};
        int main = 0;
        int east = 0;
        int north = 0;
        for (BibRecord bib : bibs) {
            String type = types[random.nextInt(types.length)];
            BigDecimal price = new BigDecimal(10 + random.nextInt(40) + ".95");
            if (main < 150) {
                main++;
                items.add(new Item(0, String.format("I%04d", main), bib.id(), type, "MAIN", "MAIN", "Stacks",
                        bib.controlNumber(), price, ItemStatus.AVAILABLE, null, null));
            }
            if (east < 40 && random.nextInt(3) == 0) {
                east++;
                items.add(new Item(0, String.format("E%04d", east), bib.id(), "BOOK", "EAST", "EAST", "Adult fiction",
                        bib.controlNumber(), price, ItemStatus.AVAILABLE, null, null));
            }
            if (north < 20 && random.nextInt(5) == 0) {
                north++;
                items.add(new Item(0, String.format("N-I%04d", north), bib.id(), "BOOK", "NORTH", "NORTH", "Stacks",
                        bib.controlNumber(), price, ItemStatus.AVAILABLE, null, null));
            }
        }
        storage.write(tx -> {
            for (Item item : items) {
                if (tx.items().byBarcode(item.barcode()).isEmpty()) {
                    tx.items().insert(item);
                }
            }
            return null;
        }).join();
        return patrons.size() + " patrons, " + records.addedCount() + " records (" + records.rejectedCount() + " rejected), "
                + items.size() + " items";
    }
}
