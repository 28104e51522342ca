package org.stackbridge.gateway.cli;

import java.nio.file.Path;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.Storage;
import org.stackbridge.gateway.config.ConfigLoader;

/** Storage opened by a CLI command (no listeners), with the config's declarations applied. */
final class StorageSession implements AutoCloseable {

    final ConfigLoader.Loaded loaded;
    final TransactionRunner storage;

    StorageSession(CommonOptions common) {
        this.loaded = StackbridgeCli.load(common);
        this.storage = Storage.open(loaded.config(), Path.of(loaded.config().dataDir()));
        Storage.seed(storage, loaded.config());
    }

    @Override
    public void close() {
        storage.close();
    }
}
