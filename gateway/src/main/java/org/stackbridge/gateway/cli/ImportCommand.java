package org.stackbridge.gateway.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.gateway.importer.ImportActor;
import org.stackbridge.gateway.importer.ImportJobRunner;
import org.stackbridge.gateway.importer.ImportReport;
import org.stackbridge.gateway.importer.MarcImporter;
import org.stackbridge.gateway.importer.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import patrons|items|marc FILE}: each runs as an import job, the same as {@code POST /api/v1/imports}: in the
 * running gateway when one serves the data directory (the file is sent to it), else in this process. Progress is shown
 * on a terminal; every rejected line is printed with its number and reason. Exit code 0 when every row was taken, 4
 * when some were rejected or the file could not be imported.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import patrons, items or MARC records (as import jobs).",
        subcommands = {ImportCommand.Patrons.class, ImportCommand.Items.class, ImportCommand.Marc.class, ImportCommand.Z3950.class})
final class ImportCommand {

    static int finish(ImportReport report, CommonOptions common) {
        for (String e : report.errors()) {
            common.err().println(e);
        }
        common.out().println(report.summary());
        return report.rejectedCount() == 0 ? 0 : 4;
    }

    static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StackbridgeCli.CliException(file + ": no such file", 2);
        }
        return file;
    }

    /** An import of a file as a job: here, or in the running gateway ({@link #callRemote}). */
    abstract static class FileImport implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public CommonOptions common() {
            return common;
        }

        abstract ImportJobs.Kind kind();

        /** Runs the job in this process, on storage this command opens. */
        @Override
        public Integer call() throws Exception {
            existing(file);
            Path spool = Files.createTempDirectory("stackbridge-import");
            try (StorageSession s = new StorageSession(common)) {
                var cfg = s.loaded.config();
                int code;
                try (ImportJobRunner jobs = new ImportJobRunner(cfg.imports(), spool, s.storage, s.hasher(),
                        Set.copyOf(cfg.patronCategories()), Set.copyOf(cfg.itemTypes()), bib -> { }, () -> { }, Clock.systemUTC());
                     InputStream in = Files.newInputStream(file)) {
                    ImportJobs.Job job = jobs.submit(kind(), ImportActor.cli(Clock.systemUTC()).who(), file.toString(), in);
                    code = follow(job, jobs::find);
                }
                if (kind() == ImportJobs.Kind.BIBLIOS) {
                    IndexCommand.syncCatalogue(s, common);
                }
                return code;
            } finally {
                Files.deleteIfExists(spool);
            }
        }

        /** Sends the file to the running gateway, which runs the job on its own storage, and follows it there. */
        int callRemote(ControlClient gateway) throws Exception {
            existing(file);
            ImportJobs.Job job = gateway.submitImport(kind(), file, common.user());
            common.err().println("import job " + job.id() + " queued in the running gateway (also at GET /api/v1/imports/" + job.id() + ")");
            return follow(job, gateway::findImport);
        }

        /** Waits for the job, showing progress on a terminal, then prints its rejections and summary. */
        private int follow(ImportJobs.Job submitted, Function<String, Optional<ImportJobs.Job>> find) throws InterruptedException {
            boolean terminal = System.console() != null;
            ImportJobs.Job job = submitted;
            long shown = -1;
            while (!job.state().finished()) {
                Thread.sleep(POLL_MILLIS);
                String id = job.id();
                job = find.apply(id).orElseThrow(() -> new StackbridgeCli.CliException("import job " + id + " is gone (did the gateway restart?)", 4));
                if (terminal && job.read() != shown) {
                    shown = job.read();
                    common.err().print("\r" + kind().label() + ": " + job.read() + " " + kind().unit() + "s read, " + job.accepted()
                            + " taken, " + job.rejected() + " rejected ");
                    common.err().flush();
                }
            }
            if (terminal && shown >= 0) {
                common.err().println();
            }
            for (String w : job.warnings()) {
                common.err().println(file + ": warning: " + w);
            }
            for (ImportJobs.Rejection r : job.rejections()) {
                common.err().println(file + ":" + kind().unit() + " " + r.line() + ": " + r.reason());
            }
            if (job.state() == ImportJobs.State.FAILED) {
                common.err().println(file + ": not imported: " + job.error());
            }
            common.out().println(file + ": " + job.added() + " added, " + job.updated() + " updated, "
                    + (job.unchanged() > 0 ? job.unchanged() + " unchanged, " : "") + job.rejected() + " rejected"
                    + (job.rejected() > job.rejections().size() ? " (first " + job.rejections().size() + " listed)" : ""));
            return job.state() == ImportJobs.State.DONE && job.rejected() == 0 ? 0 : 4;
        }
    }

    static final long POLL_MILLIS = 200;

    @Command(name = "patrons", mixinStandardHelpOptions = true,
            description = {"CSV with a header naming the columns, in any order: barcode, name, category, library (required),"
                    + " pin, email, phone, address, expires (YYYY-MM-DD). A pin may be given as a pbkdf2-sha256$ or bcrypt ($2a$, $2b$,"
                    + " $2y$) hash; it is stored as is.",
                    "Exit codes: 0 every row taken, 2 no such file, 4 some rows rejected or the file not importable."})
    static final class Patrons extends FileImport {
        @Override
        ImportJobs.Kind kind() {
            return ImportJobs.Kind.PATRONS;
        }
    }

    @Command(name = "items", mixinStandardHelpOptions = true,
            description = {"CSV with a header naming the columns, in any order: barcode, bib_id (the MARC 001), item_type, library"
                    + " (required), location, call_number, price, status.",
                    "Exit codes: 0 every row taken, 2 no such file, 4 some rows rejected or the file not importable."})
    static final class Items extends FileImport {
        @Override
        ImportJobs.Kind kind() {
            return ImportJobs.Kind.ITEMS;
        }
    }

    @Command(name = "marc", mixinStandardHelpOptions = true, description = {"ISO 2709 (MARC-8 or UTF-8) or MARCXML.",
            "Exit codes: 0 every record taken, 2 no such file, 4 some records rejected."})
    static final class Marc extends FileImport {
        @Override
        ImportJobs.Kind kind() {
            return ImportJobs.Kind.BIBLIOS;
        }
    }

    /**
     * Copy cataloguing: fetch one record from a configured remote target, show and check it, and add it through
     * the MARC import path. Exit codes: 0 added, 2 usage, 7 target failed, 8 nothing found, 9 record fails a check,
     * 10 duplicate of a local record, 11 not confirmed.
     */
    @Command(name = "z3950", mixinStandardHelpOptions = true,
            description = "Copy a record from a remote Z39.50 or SRU target (federation.targets) into the catalogue.")
    static final class Z3950 implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
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
                common.out().println(target + ": " + found.hits() + " hit(s), record " + pick + ":");
                for (String line : org.stackbridge.gateway.federation.CopyCataloguing.describe(record)) {
                    common.out().println("  " + line);
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
                        common.out().println("not added");
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
                    java.util.function.Consumer<org.stackbridge.core.model.BibRecord> feed = bib -> { };
                    if (s.host != null) {
                        feed = s.host.catalogue()::changed;
                    }
                    int code = finish(new MarcImporter(s.storage, feed, new ImportActor(
                            new org.stackbridge.core.command.RequestContext(org.stackbridge.core.model.Channel.CLI, common.user(), "cli", null, null,
                                    null, null), "z3950", Clock.systemUTC())).run(tmp, new Progress(System.err, false, 100, "records")), common);
                    IndexCommand.syncCatalogue(s, common);
                    return code;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }
}
