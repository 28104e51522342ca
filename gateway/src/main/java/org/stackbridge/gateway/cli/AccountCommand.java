package org.stackbridge.gateway.cli;

import java.util.concurrent.Callable;
import org.stackbridge.core.model.TerminalAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code account add}: SIP2 terminal accounts, stored with a hashed password; idempotent. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "SIP2 terminal accounts.",
        subcommands = {AccountCommand.Add.class, AccountCommand.ListAccounts.class})
final class AccountCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add or update a SIP2 terminal account.")
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
        @Option(names = "--institution", required = true)
        String institution;
        @Option(names = "--profile", defaultValue = "default")
        String profile;

        @Override
        public Integer call() throws Exception {
            String secret = Secrets.password(password, common);
            if (login.isBlank() || login.length() > 64) {
                throw new StackbridgeCli.CliException("login must be 1-64 characters", 2);
            }
            try (StorageSession s = new StorageSession(common)) {
                // a profile of the configuration file or one stored through the staff API (/api/v1/sip2-profiles)
                var profiles = new java.util.TreeSet<>(s.loaded.config().sip2().profiles().keySet());
                s.storage.read(tx -> tx.terminalProfiles().all()).join().forEach(p -> profiles.add(p.name()));
                if (!"default".equals(profile) && !profiles.contains(profile)) {
                    throw new StackbridgeCli.CliException("unknown profile " + profile + "; sip2.profiles in " + s.loaded.file()
                            + " and the stored profiles have " + (profiles.isEmpty() ? "none" : String.join(", ", profiles))
                            + " (and \"default\" always exists)", 2);
                }
                s.requireLibrary(institution, "institution");
                String hash = s.hasher().hash(secret);
                boolean existed = s.storage.write(tx -> {
                    boolean e = tx.accounts().find(login).isPresent();
                    tx.accounts().save(new TerminalAccount(login, hash, institution, profile));
                    return e;
                }).join();
                common.out().println((existed ? "updated" : "added") + " SIP2 account " + login + " for " + institution + " (profile " + profile + ")");
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List SIP2 terminal accounts.")
    static final class ListAccounts implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }

        @Override
        public Integer call() {
            try (StorageSession s = new StorageSession(common)) {
                for (TerminalAccount a : s.storage.read(tx -> tx.accounts().all()).join()) {
                    common.out().println(a.login() + "\t" + a.institution() + "\t" + a.profile());
                }
                return 0;
            }
        }
    }
}
