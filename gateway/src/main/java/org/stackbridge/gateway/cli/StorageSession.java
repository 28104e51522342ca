package org.stackbridge.gateway.cli;

import java.nio.file.Path;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.Storage;
import org.stackbridge.gateway.config.ConfigLoader;

/**
 * The storage a CLI command works on: opened by the command (no listeners), with the config's declarations applied;
 * or, for a command the running gateway executes ({@link CommonOptions#hosted()}), the gateway's own, left open.
 */
final class StorageSession implements AutoCloseable {

    final ConfigLoader.Loaded loaded;
    final TransactionRunner storage;
    final ControlHost host;

    StorageSession(CommonOptions common) {
        this.host = common.host;
        if (host != null) {
            this.loaded = host.loaded();
            this.storage = host.storage();
        } else {
            this.loaded = StackbridgeCli.load(common);
            this.storage = Storage.open(loaded.config(), Path.of(loaded.config().dataDir()));
            Storage.seed(storage, loaded.config());
        }
    }

    /** A usage error (exit 2) unless the library exists; {@code role} says what it is to be ("institution"). */
    void requireLibrary(String code, String role) {
        if (storage.read(tx -> tx.libraries().find(code)).join().isEmpty()) {
            throw new StackbridgeCli.CliException("unknown " + role + " " + code + "; add it with: stackbridge library add", 2);
        }
    }

    /** The hasher for new passwords, with the configured PBKDF2 iterations. */
    SecretHasher hasher() {
        return new SecretHasher(loaded.config().security().hashIterations());
    }

    @Override
    public void close() {
        if (host == null) {
            storage.close();
        }
    }
}
