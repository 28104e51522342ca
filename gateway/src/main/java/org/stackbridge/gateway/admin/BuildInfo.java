package org.stackbridge.gateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and build of this gateway, from {@code stackbridge-version.properties}, which Maven fills in when it
 * builds the jar ({@code version} = the project version, {@code build} = the build time in UTC).
 */
public record BuildInfo(String version, String build) {

    static final String RESOURCE = "/stackbridge-version.properties";
    private static final BuildInfo CURRENT = load();

    /** The gateway on the classpath. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** {@code stackbridge 0.1.0 (built 2026-12-07T05:52:00Z)}, as {@code --version} prints it. */
    public String describe() {
        return "stackbridge " + version + " (" + build + ")";
    }

    private static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new BuildInfo("unknown", "unknown build");
            }
            Properties p = new Properties();
            p.load(in);
            return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("build", "unknown build"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
