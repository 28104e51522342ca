package org.stackbridge.gateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and build of this gateway, from {@code stackbridge-version.properties}, which Maven fills in when it
 * builds the jar ({@code version} = the project version, {@code build} = the build time in UTC, {@code commit} = the
 * abbreviated git commit, from git-commit-id-maven-plugin). A value the build could not fill in (a build from sources
 * without {@code .git}, or without git) reads as {@code unknown}.
 */
public record BuildInfo(String version, String build, String commit) {

    static final String RESOURCE = "/stackbridge-version.properties";
    static final String UNKNOWN = "unknown";
    private static final BuildInfo CURRENT = load();

    /** The gateway on the classpath. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** {@code stackbridge 0.1.0 (commit 27aea49d36d8, built 2026-12-07T05:52:00Z)}, as {@code --version} prints it. */
    public String describe() {
        return "stackbridge " + version + " (commit " + commit + ", " + build + ")";
    }

    private static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new BuildInfo(UNKNOWN, "unknown build", UNKNOWN);
            }
            Properties p = new Properties();
            p.load(in);
            return of(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From the properties as the build wrote them; a placeholder left unfilled ({@code ${git.commit.id.abbrev}}) is unknown. */
    static BuildInfo of(Properties p) {
        String build = filled(p.getProperty("build"));
        return new BuildInfo(filled(p.getProperty("version")), build.equals(UNKNOWN) ? "unknown build" : build,
                filled(p.getProperty("commit")));
    }

    private static String filled(String value) {
        return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.strip();
    }
}
