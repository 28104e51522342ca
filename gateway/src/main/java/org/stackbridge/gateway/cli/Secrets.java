package org.stackbridge.gateway.cli;

import java.io.IOException;

/** Passwords given on the command line: {@code -} reads one line from stdin, so it stays out of the process list. */
final class Secrets {

    private Secrets() {
    }

    /** The password, read from stdin for {@code -}; an empty one is a usage error (exit 2). */
    static String password(String option, CommonOptions common) throws IOException {
        String secret = option;
        if ("-".equals(secret)) {
            secret = common.stdinLine();
        }
        if (secret == null || secret.isEmpty()) {
            throw new StackbridgeCli.CliException("empty password", 2);
        }
        return secret;
    }
}
