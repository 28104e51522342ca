package org.stackbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-thread CPU read from /proc finds a thread that burnt CPU, under its grouped name. */
class ThreadCpuTest {

    @Test
    @Timeout(60)
    void countsTheCpuOfANamedThread() throws Exception {
        long pid = ProcessHandle.current().pid();
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc", Long.toString(pid), "task")), "Linux only");
        Map<String, Map.Entry<String, Long>> before = ThreadCpu.snapshot(pid);
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread burner = new Thread(() -> {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long start = mx.getCurrentThreadCpuTime();
            long x = 0;
            while (mx.getCurrentThreadCpuTime() - start < 200_000_000L) {
                x += Long.numberOfTrailingZeros(x + System.nanoTime());
            }
            burnt.countDown();
            try {
                // stay alive until the second snapshot: /proc forgets threads that ended
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kioskburner-7");
        burner.start();
        burnt.await(30, TimeUnit.SECONDS);
        Map<String, Map.Entry<String, Long>> after = ThreadCpu.snapshot(pid);
        release.countDown();
        burner.join();
        double millis = ThreadCpu.delta(before, after).getOrDefault("kioskburner-N", 0.0);
        assertTrue(millis >= 150 && millis <= 10_000, "kioskburner-N used " + millis + " ms");
    }

    @Test
    void groupsStripNumbersAndHexIds() {
        assertEquals("C2 CompilerThreadN", ThreadCpu.group("C2 CompilerThread0"));
        assertEquals("sb-*-reader-N", ThreadCpu.group("sb-4f966719-reader-6"));
        assertEquals("nioEventLoopGroup-N-N", ThreadCpu.group("nioEventLoopGroup-3-12"));
    }
}
