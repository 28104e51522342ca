package org.stackbridge.gateway.cli;

import java.util.concurrent.Callable;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.port.ConfigurationReload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code reload}: the running gateway on this data directory reloads its configuration from the file(s) and
 * {@code --set} it was started with (the same as {@code kill -HUP} and {@code POST /api/v1/admin/reload}). Prints what
 * was reloaded and the settings that need a restart. Exit 0 when reloaded, 3 when the configuration is refused (nothing
 * changed), 6 when no gateway runs here or it could not apply it.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Reload the running gateway's configuration: SIP2 accounts and profiles, NCIP agencies, rules, libraries,"
                + " notice templates. Settings that need a restart are named, not applied.",
                "Exit 0 when reloaded, 3 when the configuration is refused (nothing changed), 6 when no gateway runs here."})
final class ReloadCommand implements Callable<Integer>, GatewayCommand {

    @Mixin
    CommonOptions common;

    @Override
    public CommonOptions common() {
        return common;
    }

    @Override
    public Integer call() {
        if (!common.hosted()) {
            throw new StackbridgeCli.CliException("no gateway runs on this data directory: reload works on a running gateway", TraceCommand.NOT_RUNNING);
        }
        ConfigurationReload.Result r;
        try {
            r = common.host.reload().reload(Channel.CLI, common.user());
        } catch (ConfigurationReload.Invalid e) {
            throw new StackbridgeCli.CliException("configuration refused, nothing changed: " + e.getMessage(), 3);
        } catch (ConfigurationReload.Failed e) {
            throw new StackbridgeCli.CliException("reload failed, nothing changed: " + e.getMessage(), TraceCommand.NOT_RUNNING);
        }
        common.out().println("reloaded from " + r.file());
        r.reloaded().forEach((what, n) -> common.out().println("  " + what + ": " + n));
        for (String change : r.changes()) {
            common.out().println("  " + change);
        }
        if (r.changes().isEmpty()) {
            common.out().println("  nothing changed");
        }
        if (!r.needsRestart().isEmpty()) {
            common.out().println("changed, needs a restart: " + String.join(", ", r.needsRestart()));
        }
        return 0;
    }
}
