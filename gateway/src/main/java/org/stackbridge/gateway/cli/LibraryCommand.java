package org.stackbridge.gateway.cli;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.stackbridge.core.model.Library;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code library add CODE NAME}: idempotent (adding again updates the name and calendar). */
@Command(name = "library", mixinStandardHelpOptions = true, description = "Libraries and branches.",
        subcommands = {LibraryCommand.Add.class, LibraryCommand.ListLibraries.class})
final class LibraryCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add or update a library.")
    static final class Add implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
        @Parameters(index = "0", paramLabel = "CODE")
        String code;
        @Parameters(index = "1", paramLabel = "NAME")
        String name;
        @Option(names = "--institution", description = "Institution this branch belongs to (default: itself).")
        String institution;
        @Option(names = "--timezone", defaultValue = "UTC")
        String timezone;
        @Option(names = "--closed-weekdays", split = ",", description = "e.g. SUNDAY,MONDAY")
        List<String> closed = List.of();

        @Override
        public Integer call() {
            if (!code.matches("[A-Za-z0-9_\\-]{1,32}")) {
                throw new StackbridgeCli.CliException("library code must be 1-32 letters, digits, '-' or '_'", 2);
            }
            ZoneId zone;
            Set<DayOfWeek> weekdays;
            try {
                zone = ZoneId.of(timezone);
                weekdays = closed.stream().map(d -> DayOfWeek.valueOf(d.trim().toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
            } catch (DateTimeException | IllegalArgumentException e) {
                throw new StackbridgeCli.CliException("bad --timezone or --closed-weekdays: " + e.getMessage(), 2);
            }
            try (StorageSession s = new StorageSession(common)) {
                String inst = institution == null ? code : institution;
                if (!inst.equals(code) && s.storage.read(tx -> tx.libraries().find(inst)).join().isEmpty()) {
                    throw new StackbridgeCli.CliException("unknown institution " + inst + "; add it first", 2);
                }
                boolean existed = s.storage.write(tx -> {
                    boolean e = tx.libraries().find(code).isPresent();
                    tx.libraries().save(new Library(code, name, inst, zone, weekdays, Set.of()));
                    return e;
                }).join();
                common.out().println((existed ? "updated" : "added") + " library " + code + " (" + name + "), institution " + inst);
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List libraries.")
    static final class ListLibraries implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }

        @Override
        public Integer call() {
            try (StorageSession s = new StorageSession(common)) {
                for (Library l : s.storage.read(tx -> tx.libraries().all()).join()) {
                    common.out().println(l.code() + "\t" + l.institution() + "\t" + l.name());
                }
                return 0;
            }
        }
    }
}
