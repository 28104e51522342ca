package org.stackbridge.sip2.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.stackbridge.sip2.client.Sip2Requests;

/** Socket tests that need a fresh {@link Sip2TestServer} per test, with requests for institution INST1. */
abstract class Sip2ServerFixture {

    protected Sip2TestServer t;
    protected Sip2Requests rq;

    @BeforeEach
    void startServer() {
        t = new Sip2TestServer();
        rq = t.requests("INST1");
    }

    @AfterEach
    void stopServer() {
        t.close();
    }
}
