package org.stackbridge.adapter.jdbc;

import java.nio.file.Path;

/** Run in a second JVM by {@link H2SecondProcessIT}: tries to open the embedded database and reports how it went. */
public final class H2OpenProbe {

    static final int OPENED = 0;
    static final int IN_USE = 3;
    static final int OTHER_FAILURE = 4;

    private H2OpenProbe() {
    }

    public static void main(String[] args) {
        try (JdbcStorage storage = JdbcStorage.open(JdbcSettings.embedded(Path.of(args[0])))) {
            System.out.println("opened " + storage.settings().url());
            System.exit(OPENED);
        } catch (RuntimeException e) {
            String text = String.valueOf(rootCause(e).getMessage());
            System.out.println(text);
            System.exit(text.contains("already in use") || text.contains("locked") ? IN_USE : OTHER_FAILURE);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
