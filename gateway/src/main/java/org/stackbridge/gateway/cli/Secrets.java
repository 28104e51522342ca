package org.stackbridge.gateway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Passwords given on the command line: {@code -} reads one line from stdin, so it stays out of the process list. */
final class Secrets {

    private Secrets() {
    }

    /** The password, read from stdin for {@code -}; an empty one is a usage error (exit 2). */
    static String password(String option) throws IOException {
        String secret = option;
        if ("-".equals(secret)) {
            secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (secret == null || secret.isEmpty()) {
            throw new StackbridgeCli.CliException("empty password", 2);
        }
        return secret;
    }
}
