package org.stackbridge.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.importer.ImportReport;
import org.stackbridge.gateway.importer.ItemImporter;
import org.stackbridge.gateway.importer.MarcImporter;
import org.stackbridge.gateway.importer.PatronImporter;
import org.stackbridge.gateway.importer.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import patrons|items|marc FILE}. Exit code 0 when every row was taken, 4 when some were rejected. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import patrons, items or MARC records.",
        subcommands = {ImportCommand.Patrons.class, ImportCommand.Items.class, ImportCommand.Marc.class, ImportCommand.Z3950.class})
final class ImportCommand {

    static int finish(ImportReport report) {
        PrintStream err = System.err;
        for (String e : report.errors()) {
            err.println(e);
        }
        System.out.println(report.summary());
        return report.rejectedCount() == 0 ? 0 : 4;
    }

    static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StackbridgeCli.CliException(file + ": no such file", 2);
        }
        return file;
    }

    static Progress progress(String label) {
        return new Progress(System.err, System.console() != null, 100, label);
    }

    @Command(name = "patrons", mixinStandardHelpOptions = true,
            description = "CSV columns: barcode,pin,name,category,library,email,phone,address,expires")
    static final class Patrons implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Parameters(paramLabel = "FILE.csv")
        Path file;

        @Override
        public Integer call() throws Exception {
            existing(file);
            try (StorageSession s = new StorageSession(common)) {
                var cfg = s.loaded.config();
                return finish(new PatronImporter(s.storage, new SecretHasher(cfg.security().hashIterations()),
                        Set.copyOf(cfg.patronCategories())).run(file, progress("patrons")));
            }
        }
    }

    @Command(name = "items", mixinStandardHelpOptions = true,
            description = "CSV columns: barcode,bib_id,item_type,library,location,call_number,price,status (bib_id = MARC 001)")
    static final class Items implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Parameters(paramLabel = "FILE.csv")
        Path file;

        @Override
        public Integer call() throws Exception {
            existing(file);
            try (StorageSession s = new StorageSession(common)) {
                return finish(new ItemImporter(s.storage, Set.copyOf(s.loaded.config().itemTypes())).run(file, progress("items")));
            }
        }
    }

    @Command(name = "marc", mixinStandardHelpOptions = true, description = "ISO 2709 (MARC-8 or UTF-8) or MARCXML.")
    static final class Marc implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            existing(file);
            try (StorageSession s = new StorageSession(common)) {
                int code = finish(new MarcImporter(s.storage, bib -> { }).run(file, progress("records")));
                IndexCommand.syncCatalogue(s);
                return code;
            }
        }
    }

    /**
     * Copy cataloguing: fetch one record from a configured remote target, show and check it, and add it through
     * the MARC import path. Exit codes: 0 added, 2 usage, 7 target failed, 8 nothing found, 9 record fails a check,
     * 10 duplicate of a local record, 11 not confirmed.
     */
    @Command(name = "z3950", mixinStandardHelpOptions = true,
            description = "Copy a record from a remote Z39.50 or SRU target (federation.targets) into the catalogue.")
    static final class Z3950 implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Option(names = "--target", required = true, paramLabel = "NAME", description = "A key of federation.targets.")
        String target;
        @Option(names = "--isbn", paramLabel = "ISBN")
        String isbn;
        @Option(names = "--lccn", paramLabel = "LCCN")
        String lccn;
        @Option(names = "--title", paramLabel = "TITLE")
        String title;
        @Option(names = "--pick", paramLabel = "N", defaultValue = "1", description = "Which of the hits to take (default 1).")
        int pick;
        @Option(names = "--yes", description = "Add without asking (required when there is no console).")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            int given = (isbn != null ? 1 : 0) + (lccn != null ? 1 : 0) + (title != null ? 1 : 0);
            if (given != 1) {
                throw new StackbridgeCli.CliException("give exactly one of --isbn, --lccn, --title", 2);
            }
            if (pick < 1 || pick > 10) {
                throw new StackbridgeCli.CliException("--pick must be between 1 and 10", 2);
            }
            var access = isbn != null ? org.stackbridge.gateway.federation.RemoteCatalogue.Access.ISBN
                    : lccn != null ? org.stackbridge.gateway.federation.RemoteCatalogue.Access.LCCN
                    : org.stackbridge.gateway.federation.RemoteCatalogue.Access.TITLE;
            String term = isbn != null ? isbn.strip() : lccn != null ? lccn.strip() : title.strip();
            if (isbn != null) {
                String n = org.stackbridge.gateway.federation.CopyCataloguing.normaliseIsbn(term);
                if (n == null || !org.stackbridge.gateway.federation.CopyCataloguing.isbnValid(n)) {
                    throw new StackbridgeCli.CliException("--isbn " + term + ": not a valid ISBN (length or check digit)", 2);
                }
                term = n;
            }
            try (StorageSession s = new StorageSession(common)) {
                var targets = s.loaded.config().federation().targets();
                var t = targets.get(target);
                if (t == null) {
                    throw new StackbridgeCli.CliException("no target '" + target + "' in federation.targets (configured: "
                            + (targets.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(targets.keySet()))) + ")", 2);
                }
                org.stackbridge.gateway.federation.RemoteCatalogue.Found found;
                try {
                    found = org.stackbridge.gateway.federation.RemoteCatalogue.fetch(target, t, access, term, pick);
                } catch (IllegalArgumentException e) {
                    throw new StackbridgeCli.CliException(e.getMessage(), 2);
                } catch (org.stackbridge.gateway.federation.RemoteCatalogue.TargetException e) {
                    throw new StackbridgeCli.CliException(e.getMessage(), 7);
                }
                if (found.records().size() < pick) {
                    throw new StackbridgeCli.CliException("no record for " + access.name().toLowerCase(java.util.Locale.ROOT) + " " + term
                            + " at " + target + " (" + found.hits() + " hits)", 8);
                }
                org.marc4j.marc.Record record = found.records().get(pick - 1);
                System.out.println(target + ": " + found.hits() + " hit(s), record " + pick + ":");
                for (String line : org.stackbridge.gateway.federation.CopyCataloguing.describe(record)) {
                    System.out.println("  " + line);
                }
                var problems = org.stackbridge.gateway.federation.CopyCataloguing.problems(record);
                if (!problems.isEmpty()) {
                    throw new StackbridgeCli.CliException("record not added: " + String.join("; ", problems), 9);
                }
                var dups = org.stackbridge.gateway.federation.CopyCataloguing.duplicates(s.storage, record);
                if (!dups.isEmpty()) {
                    throw new StackbridgeCli.CliException("record not added, duplicate: " + String.join("; ", dups), 10);
                }
                if (!yes) {
                    java.io.Console console = System.console();
                    if (console == null) {
                        throw new StackbridgeCli.CliException("no console to confirm on: add --yes to import without asking", 11);
                    }
                    String answer = console.readLine("Add this record to the catalogue? [y/N] ");
                    if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                        System.out.println("not added");
                        return 11;
                    }
                }
                Path tmp = Files.createTempFile("stackbridge-copy", ".mrc");
                try {
                    var out = new java.io.ByteArrayOutputStream();
                    record.getLeader().setCharCodingScheme('a');
                    var w = new org.marc4j.MarcStreamWriter(out, "UTF8");
                    w.write(record);
                    w.close();
                    Files.write(tmp, out.toByteArray());
                    int code = finish(new MarcImporter(s.storage, bib -> { }).run(tmp, new Progress(System.err, false, 100, "records")));
                    IndexCommand.syncCatalogue(s);
                    return code;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }
}
