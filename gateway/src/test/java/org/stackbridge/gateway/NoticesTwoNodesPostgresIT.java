package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.port.NoticeRuns;
import org.stackbridge.core.testing.TestClock;

/**
 * Two gateway nodes on one PostgreSQL database (issue #13, #16): running the notices job on both at once sends each
 * notice once; the job's lease keeps the second node out while the first works; a lease held by a node that died is
 * taken over once it expires (the housekeeping lease as well).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NoticesTwoNodesPostgresIT {

    @TempDir
    Path data;

    @Test
    void twoNodesRunningTheJobAtOnceSendEachNoticeOnce() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        TestClock clock = new TestClock(NoticesContract.T0);
        List<String> lines = new ArrayList<>(NoticesContract.yaml(smtp.getSmtp().getPort()));
        lines.add("database: {url: \"" + TestGateways.freshPostgresUrl() + "\", user: postgres, password: postgres}");
        CountDownLatch secondTried = new CountDownLatch(1);
        Gateway one = NoticesContract.startWith(Files.createDirectories(data.resolve("one")), clock, lines,
                // the first node's first delivery waits until the second node has tried to run the job
                m -> NoticesContract.around(m, n -> secondTried.await(60, TimeUnit.SECONDS), n -> { }));
        Gateway two = NoticesContract.startWith(Files.createDirectories(data.resolve("two")), clock, lines, m -> m);
        try {
            int patrons = 40;
            one.storage().write(tx -> {
                for (int i = 1; i <= patrons; i++) {
                    long p = tx.patrons().insert(NoticesContract.patron("T" + i, "Twin " + i, "twin" + i + "@example.org",
                            NoticePreference.EMAIL, LocalDate.of(2099, 1, 1))).id();
                    NoticesContract.loan(tx, p, NoticesContract.item(tx, "T" + i + "-A", "Twin Title " + i),
                            NoticesContract.T0.minus(Duration.ofDays(3)));
                }
                return null;
            }).get(30, TimeUnit.SECONDS);

            CompletableFuture<NoticeRuns.RunResult> first = one.notices().run("test").toCompletableFuture();
            org.stackbridge.core.testing.Await.until(Duration.ofSeconds(30),
                    () -> new org.stackbridge.gateway.job.JobLease(one.storage(), clock, "notices", "probe", Duration.ofSeconds(1)).holder()
                            .filter(one.node()::equals).isPresent(), "the first node holds the notices job");
            NoticeRuns.RunResult second = two.notices().run("test").toCompletableFuture().get(60, TimeUnit.SECONDS);
            secondTried.countDown();
            NoticeRuns.RunResult firstResult = first.get(120, TimeUnit.SECONDS);
            assertFalse(second.ran(), "the second node stays out while the first holds the job");
            assertEquals(one.node(), second.holder());
            assertTrue(firstResult.ran());
            assertEquals(patrons, firstResult.recorded());
            assertEquals(patrons, firstResult.mailed());

            // and now both at once, with nothing new: nothing more is sent by either
            CompletableFuture<NoticeRuns.RunResult> a = one.notices().run("test").toCompletableFuture();
            CompletableFuture<NoticeRuns.RunResult> b = two.notices().run("test").toCompletableFuture();
            assertEquals(0, a.get(60, TimeUnit.SECONDS).mailed() + b.get(60, TimeUnit.SECONDS).mailed());

            Map<String, Integer> perRecipient = new HashMap<>();
            Map<String, Integer> perId = new HashMap<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                perRecipient.merge(m.getRecipients(Message.RecipientType.TO)[0].toString(), 1, Integer::sum);
                perId.merge(m.getMessageID(), 1, Integer::sum);
            }
            assertEquals(patrons, perRecipient.size());
            assertTrue(perRecipient.values().stream().allMatch(n -> n == 1), perRecipient.toString());
            assertEquals(patrons, perId.size());
        } finally {
            secondTried.countDown();
            two.close();
            one.close();
            smtp.stop();
        }
    }

    @Test
    void aLeaseOfANodeThatDiedIsTakenOverWhenItExpires() throws Exception {
        TestClock clock = new TestClock(NoticesContract.T0);
        List<String> lines = new ArrayList<>(NoticesContract.yaml(25));
        lines.add("database: {url: \"" + TestGateways.freshPostgresUrl() + "\", user: postgres, password: postgres}");
        Gateway one = NoticesContract.startWith(Files.createDirectories(data.resolve("a")), clock, lines, m -> m);
        Gateway two = NoticesContract.startWith(Files.createDirectories(data.resolve("b")), clock, lines, m -> m);
        try {
            org.stackbridge.gateway.job.JobLease mine = new org.stackbridge.gateway.job.JobLease(one.storage(), clock, "housekeeping", one.node(), Duration.ofMinutes(65));
            org.stackbridge.gateway.job.JobLease theirs = new org.stackbridge.gateway.job.JobLease(two.storage(), clock, "housekeeping", two.node(), Duration.ofMinutes(65));
            assertTrue(mine.acquire());
            assertFalse(theirs.acquire(), "held by the first node");
            clock.advance(Duration.ofMinutes(30));
            assertTrue(mine.acquire(), "the holder renews");
            clock.advance(Duration.ofMinutes(64));
            assertFalse(theirs.acquire(), "renewed: not expired yet");
            clock.advance(Duration.ofMinutes(2));
            assertTrue(theirs.acquire(), "the first node stopped renewing (died): the second takes over");
            assertFalse(mine.acquire(), "and the first cannot take it back while the second holds it");
            assertEquals(two.node(), theirs.holder().orElseThrow());
        } finally {
            two.close();
            one.close();
        }
    }
}
