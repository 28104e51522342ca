package org.stackbridge.gateway.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code staff add|list|disable|passwd}: accounts of the staff API, stored with a hashed password. Usage errors
 * (an unknown role, library or login, an empty password) exit with 2.
 */
@Command(name = "staff", mixinStandardHelpOptions = true, description = "Staff accounts of the staff API.",
        subcommands = {StaffCommand.Add.class, StaffCommand.ListStaff.class, StaffCommand.Disable.class, StaffCommand.Passwd.class})
final class StaffCommand {

    static final int MAX_LOGIN = 64;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add or update a staff account (and enable it).")
    static final class Add implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
        @Option(names = "--login", required = true)
        String login;
        @Option(names = "--password", required = true, description = "The password, or '-' to read it from stdin.")
        String password;
        @Option(names = "--role", required = true, description = "admin, librarian or technician.")
        String role;
        @Option(names = "--library", description = "Act only in this library's institution.")
        String library;

        @Override
        public Integer call() throws Exception {
            StaffRole r = StaffRole.parse(role).orElseThrow(() -> new StackbridgeCli.CliException("unknown role " + role + "; expected one of "
                    + Arrays.stream(StaffRole.values()).map(StaffRole::label).collect(Collectors.joining(", ")), 2));
            checkLogin(login);
            String secret = Secrets.password(password, common);
            try (StorageSession s = new StorageSession(common)) {
                if (library != null) {
                    s.requireLibrary(library, "library");
                }
                String hash = s.hasher().hash(secret);
                boolean existed = s.storage.write(tx -> {
                    boolean e = tx.staff().find(login).isPresent();
                    tx.staff().save(new StaffAccount(login, hash, r, library, true));
                    return e;
                }).join();
                common.out().println((existed ? "updated" : "added") + " staff account " + login + " (" + r.label()
                        + (library == null ? ", every institution" : ", library " + library) + ")");
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List staff accounts.")
    static final class ListStaff implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }

        @Override
        public Integer call() {
            try (StorageSession s = new StorageSession(common)) {
                for (StaffAccount a : s.storage.read(tx -> tx.staff().all()).join()) {
                    common.out().println(a.login() + "\t" + a.role().label() + "\t" + (a.library() == null ? "*" : a.library()) + "\t"
                            + (a.enabled() ? "enabled" : "disabled"));
                }
                return 0;
            }
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a staff account: it can no longer log in.")
    static final class Disable implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Override
        public Integer call() {
            try (StorageSession s = new StorageSession(common)) {
                update(s, login, StaffAccount::disabled);
                common.out().println("disabled staff account " + login);
                return 0;
            }
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a staff account's password.")
    static final class Passwd implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;
        @Option(names = "--password", required = true, description = "The password, or '-' to read it from stdin.")
        String password;

        @Override
        public Integer call() throws Exception {
            String secret = Secrets.password(password, common);
            try (StorageSession s = new StorageSession(common)) {
                String hash = s.hasher().hash(secret);
                update(s, login, a -> a.withPasswordHash(hash));
                common.out().println("changed the password of staff account " + login);
                return 0;
            }
        }
    }

    private static void checkLogin(String login) {
        if (login.isBlank() || login.length() > MAX_LOGIN || !login.strip().equals(login)) {
            throw new StackbridgeCli.CliException("login must be 1-" + MAX_LOGIN + " characters without surrounding spaces", 2);
        }
    }

    private static void update(StorageSession s, String login, java.util.function.UnaryOperator<StaffAccount> change) {
        boolean found = s.storage.write(tx -> {
            Optional<StaffAccount> a = tx.staff().find(login);
            a.ifPresent(account -> {
                tx.staff().save(change.apply(account));
                // a running gateway sees the revision move and ends the account's tokens (engine.settings-refresh-seconds)
                tx.revision().bump();
            });
            return a.isPresent();
        }).join();
        if (!found) {
            throw new StackbridgeCli.CliException("unknown staff account " + login + "; add it with: stackbridge staff add", 2);
        }
    }
}
