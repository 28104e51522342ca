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

    /**
     * {@code args} with the file {@code value} made absolute where the command was typed (the running gateway's working
     * directory is another): the last occurrence after {@code option} ({@code --opt FILE} or {@code --opt=FILE}), or,
     * with a null {@code option}, the last argument equal to it (a positional FILE).
     */
    static java.util.List<String> withAbsoluteFile(java.util.List<String> args, String option, String value) {
        java.util.List<String> out = new java.util.ArrayList<>(args);
        String there = java.nio.file.Path.of(value).toAbsolutePath().normalize().toString();
        for (int i = out.size() - 1; i >= 0; i--) {
            String a = out.get(i);
            if (option != null && a.equals(option + "=" + value)) {
                out.set(i, option + "=" + there);
                break;
            }
            if (a.equals(value) && (option == null || (i > 0 && out.get(i - 1).equals(option)))) {
                out.set(i, there);
                break;
            }
        }
        return out;
    }
}
