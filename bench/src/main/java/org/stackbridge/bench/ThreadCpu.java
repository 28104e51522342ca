package org.stackbridge.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of every thread of another process, native ones included (JIT compilers, GC workers, which JFR's execution
 * samples do not see), from Linux's {@code /proc/<pid>/task/<tid>/stat} ({@code utime + stime}, in clock ticks of
 * 10 ms). Threads are grouped by name with numbers stripped ({@code C2 CompilerThread0} and {@code ...1} together); Linux
 * keeps only a name's first 15 characters.
 */
final class ThreadCpu {

    private static final double MILLIS_PER_TICK = 10.0;

    private ThreadCpu() {
    }

    /** Thread id to (name, ticks) now; empty where {@code /proc} is missing. */
    static Map<String, Map.Entry<String, Long>> snapshot(long pid) {
        Map<String, Map.Entry<String, Long>> threads = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return threads;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after "pid (comm) ": state is field 3, utime 14, stime 15 (1-based over the whole line)
                    threads.put(task.getFileName().toString(), Map.entry(name, Long.parseLong(f[11]) + Long.parseLong(f[12])));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return threads;
        }
        return threads;
    }

    /** Milliseconds of CPU per thread group between two snapshots, largest first (threads that ended are lost). */
    static Map<String, Double> delta(Map<String, Map.Entry<String, Long>> before, Map<String, Map.Entry<String, Long>> after) {
        Map<String, Double> groups = new HashMap<>();
        after.forEach((tid, now) -> {
            Map.Entry<String, Long> then = before.get(tid);
            long ticks = now.getValue() - (then == null ? 0 : then.getValue());
            if (ticks > 0) {
                groups.merge(group(now.getKey()), ticks * MILLIS_PER_TICK, Double::sum);
            }
        });
        return groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** A thread's group: its name with numbers and 8-digit hex ids replaced. */
    static String group(String threadName) {
        // numbers after a separator or at the end ("C2" in a compiler thread's name stays)
        return threadName.replaceAll("[0-9a-f]{8}", "*").replaceAll("(?<=[-_ #])[0-9]+|[0-9]+$", "N");
    }

    /**
     * A markdown table of the groups using at least 1 % of their sum (the shares are of that sum: the process's own
     * CPU figure, read at slightly different moments, need not match it to the tick).
     */
    static void print(Map<String, Double> groups) {
        double totalMillis = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        if (totalMillis <= 0) {
            System.out.println("(no thread CPU read from /proc)");
            return;
        }
        System.out.println("| thread group (all threads, /proc) | CPU ms | share |");
        System.out.println("|---|---:|---:|");
        double shown = 0;
        for (Map.Entry<String, Double> g : groups.entrySet()) {
            if (g.getValue() >= totalMillis / 100) {
                System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f %% |%n", g.getKey(), g.getValue(), 100 * g.getValue() / totalMillis);
                shown += g.getValue();
            }
        }
        System.out.printf(Locale.ROOT, "| (smaller groups) | %,.0f | %.1f %% |%n", totalMillis - shown, 100 * (totalMillis - shown) / totalMillis);
    }
}
