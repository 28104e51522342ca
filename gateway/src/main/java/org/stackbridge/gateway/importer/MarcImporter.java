package org.stackbridge.gateway.importer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.marc4j.MarcPermissiveStreamReader;
import org.marc4j.MarcReader;
import org.marc4j.MarcStreamWriter;
import org.marc4j.MarcXmlReader;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.port.TransactionRunner;

/**
 * Imports MARC21 bibliographic records from ISO 2709 (MARC-8 or UTF-8) or MARCXML, stored as UTF-8 ISO 2709.
 * Every record in the file becomes a bib: it is keyed by its 001, or, without one, by a key derived from its
 * content (also written as its 001); the n-th record of a file with the same key gets {@code <key>.<n>}.
 * A stored bib with the same key is overlaid when the record differs and left alone when it is identical,
 * so re-importing a file changes nothing.
 */
public final class MarcImporter {

    public static final int MAX_RECORD_BYTES = 99_999;
    private static final int WINDOW = 256;

    private final TransactionRunner storage;
    private final Consumer<BibRecord> catalogueFeed;
    private final java.util.Map<String, Integer> occurrences = new java.util.HashMap<>();

    private final ImportActor actor;

    public MarcImporter(TransactionRunner storage, Consumer<BibRecord> catalogueFeed) {
        this(storage, catalogueFeed, ImportActor.cli(java.time.Clock.systemUTC()));
    }

    /** Every record added or overlaid is logged in {@code actor}'s name. */
    public MarcImporter(TransactionRunner storage, Consumer<BibRecord> catalogueFeed, ImportActor actor) {
        this.storage = storage;
        this.catalogueFeed = catalogueFeed;
        this.actor = actor;
    }

    public ImportReport run(Path file, Progress progress) throws IOException {
        ImportReport report = new ImportReport(file.toString(), "record");
        run(file, report, progress);
        return report;
    }

    /** Imports {@code file}, counting into {@code report} as it goes. */
    public void run(Path file, ImportReport report, Progress progress) throws IOException {
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String start = new String(head, 0, n, StandardCharsets.ISO_8859_1).stripLeading();
        if (start.startsWith("<")) {
            importXml(file, report, progress);
        } else {
            importIso2709(file, report, progress);
        }
        progress.finish();
    }

    private void importIso2709(Path file, ImportReport report, Progress progress) throws IOException {
        long size = Math.max(1, Files.size(file));
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            Iso2709Splitter splitter = new Iso2709Splitter(in, MAX_RECORD_BYTES);
            Iso2709Splitter.Chunk chunk;
            while ((chunk = splitter.next()) != null) {
                report.read();
                progress.at(splitter.offset() * 100 / size);
                if (chunk.problem() != null) {
                    report.reject(chunk.number(), chunk.problem() + " (at byte " + chunk.offset() + ")");
                    continue;
                }
                Record record;
                try {
                    MarcReader reader = new MarcPermissiveStreamReader(new ByteArrayInputStream(chunk.bytes()), true, true);
                    if (!reader.hasNext()) {
                        report.reject(chunk.number(), "no record could be read (at byte " + chunk.offset() + ")");
                        continue;
                    }
                    record = reader.next();
                } catch (RuntimeException e) {
                    report.reject(chunk.number(), "unreadable: " + PatronImporter.rootMessage(e) + " (at byte " + chunk.offset() + ")");
                    continue;
                }
                submit(record, chunk.number(), report, inFlight);
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    }

    private void importXml(Path file, ImportReport report, Progress progress) throws IOException {
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        int number = 0;
        try (InputStream in = Files.newInputStream(file)) {
            MarcReader reader = new MarcXmlReader(in);
            while (true) {
                Record record;
                try {
                    if (!reader.hasNext()) {
                        break;
                    }
                    record = reader.next();
                    number++;
                    report.read();
                } catch (RuntimeException e) {
                    report.reject(number + 1, "MARCXML unreadable from here on: " + PatronImporter.rootMessage(e));
                    break;
                }
                submit(record, number, report, inFlight);
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    }

    private void submit(Record record, int number, ImportReport report, List<CompletableFuture<?>> inFlight) {
        BibRecord bib;
        try {
            bib = toBib(record);
        } catch (RuntimeException e) {
            report.reject(number, "cannot convert: " + PatronImporter.rootMessage(e));
            return;
        }
        int n = occurrences.merge(bib.controlNumber(), 1, Integer::sum);
        BibRecord keyed = n == 1 ? bib : new BibRecord(0, bib.controlNumber() + "." + n, bib.title(), bib.author(), bib.isbn(),
                bib.publisher(), bib.year(), bib.marc());
        inFlight.add(storage.write(tx -> logged(tx, store(tx, keyed), number)).handle((result, e) -> {
            if (e != null) {
                report.reject(number, "not stored: " + PatronImporter.rootMessage(e));
                return null;
            }
            switch (result.change()) {
                case ADDED -> report.added();
                case UPDATED -> report.updated();
                case UNCHANGED -> report.unchanged();
            }
            if (result.change() != Change.UNCHANGED) {
                catalogueFeed.accept(result.bib());
            }
            return null;
        }));
        if (inFlight.size() >= WINDOW) {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            inFlight.clear();
        }
    }

    enum Change { ADDED, UPDATED, UNCHANGED }

    record Stored(BibRecord bib, Change change) {
    }

    private static Stored store(org.stackbridge.core.port.StoreTx tx, BibRecord bib) {
        Optional<BibRecord> existing = tx.bibs().byControlNumber(bib.controlNumber());
        if (existing.isEmpty()) {
            return new Stored(tx.bibs().insert(bib), Change.ADDED);
        }
        if (Arrays.equals(existing.get().marc(), bib.marc())) {
            return new Stored(existing.get(), Change.UNCHANGED);
        }
        BibRecord overlaid = bib.withId(existing.get().id());
        tx.bibs().update(overlaid);
        return new Stored(overlaid, Change.UPDATED);
    }

    private Stored logged(org.stackbridge.core.port.StoreTx tx, Stored stored, int number) {
        if (stored.change() != Change.UNCHANGED) {
            actor.log(tx, stored.change() == Change.ADDED ? org.stackbridge.core.model.EventType.BIB_CREATED
                    : org.stackbridge.core.model.EventType.BIB_UPDATED, null, null, null,
                    "imported (record " + number + "): " + stored.bib().controlNumber() + " " + stored.bib().title());
        }
        return stored;
    }

    public static BibRecord toBib(Record record) {
        ControlField f001 = (ControlField) record.getVariableField("001");
        String control = f001 == null ? null : f001.getData().trim();
        if (control == null || control.isEmpty()) {
            // the engine's key only: the record is stored and served as catalogued, without a made-up 001 that a
            // cataloguer copying it from us would import as if it meant something
            control = "sb" + contentKey(record);
        }
        if (control.length() > 64) {
            throw new IllegalArgumentException("001 longer than 64 characters");
        }
        record.getLeader().setCharCodingScheme('a');
        byte[] marc = utf8Iso2709(record);
        String title = join(record, "245", "abnp");
        String author = Optional.ofNullable(join(record, "100", "a")).or(() -> Optional.ofNullable(join(record, "110", "a")))
                .or(() -> Optional.ofNullable(join(record, "111", "a"))).orElse(null);
        String isbn = first(record, "020", 'a');
        if (isbn != null) {
            isbn = isbn.split("\\s")[0];
        }
        String publisher = Optional.ofNullable(first(record, "264", 'b')).orElse(first(record, "260", 'b'));
        String year = year(record);
        return new BibRecord(0, control, title == null ? "" : trimPunctuation(title), author == null ? null : trimPunctuation(author),
                isbn, publisher == null ? null : trimPunctuation(publisher), year, marc);
    }

    private static String contentKey(Record record) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(utf8Iso2709(record)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8Iso2709(Record record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MarcStreamWriter writer = new MarcStreamWriter(out, "UTF8");
        writer.write(record);
        writer.close();
        byte[] bytes = out.toByteArray();
        if (bytes.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record is longer than ISO 2709 allows (" + bytes.length + " bytes)");
        }
        return bytes;
    }

    private static String join(Record record, String tag, String codes) {
        DataField f = (DataField) record.getVariableField(tag);
        if (f == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Subfield s : f.getSubfields()) {
            if (codes.indexOf(s.getCode()) >= 0) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(s.getData().trim());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String first(Record record, String tag, char code) {
        DataField f = (DataField) record.getVariableField(tag);
        if (f == null) {
            return null;
        }
        Subfield s = f.getSubfield(code);
        return s == null ? null : s.getData().trim();
    }

    private static String year(Record record) {
        ControlField f008 = (ControlField) record.getVariableField("008");
        if (f008 != null && f008.getData().length() >= 11) {
            String y = f008.getData().substring(7, 11);
            if (y.chars().allMatch(Character::isDigit)) {
                return y;
            }
        }
        String c = Optional.ofNullable(first(record, "264", 'c')).orElse(first(record, "260", 'c'));
        if (c != null) {
            var m = java.util.regex.Pattern.compile("(\\d{4})").matcher(c);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    public static String trimPunctuation(String s) {
        String t = s.trim();
        while (!t.isEmpty() && " /:;,.=".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).trim();
        }
        return t;
    }
}
