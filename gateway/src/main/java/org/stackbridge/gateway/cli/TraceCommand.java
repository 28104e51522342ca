package org.stackbridge.gateway.cli;

import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code trace sip2 LOGIN on|off}, {@code trace ncip AGENCY on|off} and {@code trace list}: the per-terminal SIP2 trace
 * and the per-agency NCIP trace of the running gateway (the same switches as the staff API's {@code /traces}). A traced
 * terminal's or agency's requests and answers are logged on {@code stackbridge.trace.sip2} or
 * {@code stackbridge.trace.ncip} with passwords and PINs masked. Works only on a running gateway (exit 6 otherwise).
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Switch a SIP2 terminal's or an NCIP agency's trace on the running gateway.",
        subcommands = {TraceCommand.Sip2.class, TraceCommand.Ncip.class, TraceCommand.ListTraces.class})
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

    /** What both switches take: the common options and on|off after the name. */
    abstract static class TraceSwitch implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;
        @Parameters(index = "1", paramLabel = "on|off")
        String state;

        @Override
        public CommonOptions common() {
            return common;
        }
    }

    @Command(name = "sip2", mixinStandardHelpOptions = true, description = "Trace one SIP2 terminal login (on) or stop (off).")
    static final class Sip2 extends TraceSwitch {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Override
        public Integer call() {
            return switchTrace(common, "SIP2", "terminal", "LOGIN", login, state, (host, on) -> host.terminals().trace(login, on));
        }
    }

    /**
     * Switches one trace of the running gateway: checks the arguments, calls {@code trace} there, logs who switched it
     * and says what happened. A refusal (unknown agency, no such listener, too many traced) exits with 2.
     */
    private static int switchTrace(CommonOptions common, String protocol, String noun, String label, String name, String state,
                                   BiFunction<ControlHost, Boolean, Boolean> trace) {
        boolean on = switch (state) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new StackbridgeCli.CliException("expected on or off, not " + state, 2);
        };
        if (name.isBlank() || name.length() > 64) {
            throw new StackbridgeCli.CliException(label + ": 1 to 64 characters", 2);
        }
        ControlHost host = running(common);
        boolean was;
        try {
            was = trace.apply(host, on);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StackbridgeCli.CliException(e.getMessage(), 2);
        }
        org.slf4j.LoggerFactory.getLogger(TraceCommand.class).info("{} trace of {} {} switched {} by {} (command line)",
                protocol, noun, name, on ? "on" : "off", common.user());
        common.out().println(protocol + " trace of " + name + " " + (on ? "on" : "off") + (was == on ? " (it was already)" : ""));
        return 0;
    }

    @Command(name = "ncip", mixinStandardHelpOptions = true, description = "Trace one NCIP partner agency (on) or stop (off).")
    static final class Ncip extends TraceSwitch {
        @Parameters(index = "0", paramLabel = "AGENCY")
        String agency;

        @Override
        public Integer call() {
            return switchTrace(common, "NCIP", "agency", "AGENCY", agency, state, (host, on) -> host.agencies().trace(agency, on));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The traced SIP2 terminal logins and NCIP agencies.")
    static final class ListTraces implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }

        @Override
        public Integer call() {
            ControlHost host = running(common);
            for (String login : host.terminals().traced()) {
                common.out().println("sip2\t" + login);
            }
            for (String agency : host.agencies().traced()) {
                common.out().println("ncip\t" + agency);
            }
            return 0;
        }
    }
}
