package org.stackbridge.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code trace sip2 LOGIN on|off} and {@code trace list}: the per-terminal SIP2 trace of the running gateway (the same
 * switch as the staff API's {@code /traces/sip2}). A traced terminal's requests and answers are logged on
 * {@code stackbridge.trace.sip2} with passwords and PINs masked. Works only on a running gateway (exit 6 otherwise).
 */
@Command(name = "trace", mixinStandardHelpOptions = true, description = "Switch a SIP2 terminal's trace on the running gateway.",
        subcommands = {TraceCommand.Sip2.class, TraceCommand.ListTraces.class})
final class TraceCommand {

    static final int NOT_RUNNING = 6;

    private TraceCommand() {
    }

    private static ControlHost running(CommonOptions common) {
        if (!common.hosted()) {
            throw new StackbridgeCli.CliException("no gateway runs on this data directory: a trace switches a running gateway's listener", NOT_RUNNING);
        }
        return common.host;
    }

    @Command(name = "sip2", mixinStandardHelpOptions = true, description = "Trace one SIP2 terminal login (on) or stop (off).")
    static final class Sip2 implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;
        @Parameters(index = "1", paramLabel = "on|off")
        String state;

        @Override
        public CommonOptions common() {
            return common;
        }

        @Override
        public Integer call() {
            boolean on = switch (state) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new StackbridgeCli.CliException("expected on or off, not " + state, 2);
            };
            if (login.isBlank() || login.length() > 64) {
                throw new StackbridgeCli.CliException("LOGIN: 1 to 64 characters", 2);
            }
            ControlHost host = running(common);
            boolean was;
            try {
                was = host.terminals().trace(login, on);
            } catch (IllegalStateException e) {
                throw new StackbridgeCli.CliException(e.getMessage(), 2);
            }
            org.slf4j.LoggerFactory.getLogger(TraceCommand.class).info("SIP2 trace of terminal {} switched {} by {} (command line)",
                    login, on ? "on" : "off", common.user());
            common.out().println("SIP2 trace of " + login + " " + (on ? "on" : "off") + (was == on ? " (it was already)" : ""));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The traced SIP2 terminal logins.")
    static final class ListTraces implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }

        @Override
        public Integer call() {
            for (String login : running(common).terminals().traced()) {
                common.out().println("sip2\t" + login);
            }
            return 0;
        }
    }
}
