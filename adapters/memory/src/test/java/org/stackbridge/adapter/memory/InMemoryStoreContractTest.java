package org.stackbridge.adapter.memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.stackbridge.core.port.StoreContract;
import org.stackbridge.core.port.TransactionRunner;

class InMemoryStoreContractTest implements StoreContract {

    private InMemoryStore store;

    @BeforeEach
    void open() {
        store = new InMemoryStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public TransactionRunner store() {
        return store;
    }
}
