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
import picocli.CommandLine.Parameters;

/** {@code import patrons|items|marc FILE}. Exit code 0 when every row was taken, 4 when some were rejected. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import patrons, items or MARC records.",
        subcommands = {ImportCommand.Patrons.class, ImportCommand.Items.class, ImportCommand.Marc.class})
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
}
