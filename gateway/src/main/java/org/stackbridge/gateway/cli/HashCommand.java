package org.stackbridge.gateway.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.stackbridge.core.security.SecretHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a password hash for the config file; reads the secret from the terminal or stdin, never argv. */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = "Hash a SIP2 terminal password for sip2-accounts[].password-hash (reads it from the terminal or stdin).")
final class HashCommand implements Callable<Integer> {

    @Option(names = "--iterations", defaultValue = "" + SecretHasher.DEFAULT_ITERATIONS, description = "PBKDF2 iterations.")
    int iterations;

    @Override
    public Integer call() throws Exception {
        String secret;
        Console console = System.console();
        if (console != null) {
            char[] pw = console.readPassword("password: ");
            secret = pw == null ? "" : new String(pw);
        } else {
            secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (secret == null || secret.isEmpty()) {
            throw new StackbridgeCli.CliException("empty password", 2);
        }
        System.out.println(new SecretHasher(iterations).hash(secret));
        return 0;
    }
}
