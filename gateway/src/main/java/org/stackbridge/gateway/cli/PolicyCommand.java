package org.stackbridge.gateway.cli;

import java.util.concurrent.Callable;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.gateway.Policies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code policy show}: the rule that takes effect for a (library, category, item type), and why. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Inspect circulation rules.",
        subcommands = {PolicyCommand.Show.class})
final class PolicyCommand {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the rule in effect and why.")
    static final class Show implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
        @Option(names = "--library", required = true)
        String library;
        @Option(names = "--category", required = true)
        String category;
        @Option(names = "--item-type", required = true)
        String itemType;

        @Override
        public Integer call() {
            try (StorageSession s = new StorageSession(common)) {
                refuseUnknown(s);
                Policies policies = new Policies();
                policies.reload(s.loaded.config(), s.loaded.file(), s.storage);
                PolicyTable.Resolution r = policies.table().resolve(library, category, itemType);
                common.out().println("For library=" + library + " category=" + category + " item-type=" + itemType + ":");
                r.explanation().forEach(line -> common.out().println("  " + line));
                if (r.rule() == null) {
                    return 5;
                }
                print(common.out(), r.rule());
                return 0;
            }
        }

        /** A typo must not look like a rule lookup: unknown names are refused ('*' asks about the wildcard rule). */
        private void refuseUnknown(StorageSession s) {
            if (!"*".equals(library) && s.storage.read(tx -> tx.libraries().find(library)).join().isEmpty()) {
                throw new StackbridgeCli.CliException("unknown library " + library, 2);
            }
            var config = s.loaded.config();
            if (!"*".equals(category) && !config.patronCategories().contains(category)) {
                throw new StackbridgeCli.CliException("unknown category " + category + "; patron-categories: "
                        + String.join(", ", config.patronCategories()), 2);
            }
            if (!"*".equals(itemType) && !config.itemTypes().contains(itemType)) {
                throw new StackbridgeCli.CliException("unknown item type " + itemType + "; item-types: " + String.join(", ", config.itemTypes()), 2);
            }
        }

        private static void print(java.io.PrintWriter out, CirculationRule rule) {
            String unit = rule.loanUnit().name().toLowerCase(java.util.Locale.ROOT);
            out.println("Rule in effect " + rule.scope() + " from " + rule.source() + ":");
            out.println("  loan period:      " + (rule.circulates() ? rule.loanPeriod() + " " + unit : "does not circulate"));
            out.println("  renewals allowed: " + rule.renewalsAllowed() + " of "
                    + (rule.renewalPeriod() > 0 ? rule.renewalPeriod() : rule.loanPeriod()) + " " + unit);
            out.println("  max loans:        " + (rule.maxLoans() == 0 ? "no limit" : rule.maxLoans()));
            out.println("  fine:             " + rule.finePerDay().toPlainString() + " per overdue open " + unit.replaceAll("s$", "")
                    + ", grace " + rule.graceDays() + ", cap " + (rule.fineCap() == null ? "none" : rule.fineCap().toPlainString()));
            out.println("  holds:            " + (rule.holdsAllowed() ? "allowed, " + rule.holdShelfDays() + " days on the hold shelf" : "not allowed"));
            out.println("  closed days:      " + rule.closedDays().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
    }
}
