package org.stackbridge.gateway.cli;

/**
 * A command that works on the storage. When a gateway runs on the same data directory (its {@code stackbridge.control}
 * file answers), the command line sends the command to it and the gateway runs it on its own storage
 * ({@link ControlClient}); otherwise the command opens the storage itself.
 */
interface GatewayCommand {
    CommonOptions common();

    /** The command line the running gateway gets (a command naming a file here makes its path absolute). */
    default java.util.List<String> forwardedArgs(java.util.List<String> args) {
        return args;
    }
}
