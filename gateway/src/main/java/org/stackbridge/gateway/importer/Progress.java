package org.stackbridge.gateway.importer;

import java.io.PrintStream;

/** A one-line progress bar on a terminal; silent when output is not a terminal. */
public final class Progress {

    private final PrintStream out;
    private final boolean enabled;
    private final long total;
    private final String label;
    private int lastPercent = -1;

    public Progress(PrintStream out, boolean terminal, long total, String label) {
        this.out = out;
        this.enabled = terminal && total > 0;
        this.total = total;
        this.label = label;
    }

    public void at(long done) {
        if (!enabled) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int width = 30;
        int filled = percent * width / 100;
        out.print("\r" + label + " [" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + percent + "% ");
        out.flush();
    }

    public void finish() {
        if (enabled && lastPercent >= 0) {
            out.println();
        }
    }
}
