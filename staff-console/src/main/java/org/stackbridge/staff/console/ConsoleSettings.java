package org.stackbridge.staff.console;

/**
 * Settings of the staff console ({@code staff-console:} in the gateway's config); a plain record that Jackson binds
 * from YAML. Missing values take the defaults below.
 *
 * @param sessionIdleMinutes a console session ends after this long without a request (default 30)
 * @param sessionMaxHours    and at the latest this long after sign-in (default 12)
 * @param maxSessions        most live console sessions kept; beyond it the oldest is dropped (default 1000)
 * @param errorSound         whether a refusal or alert also plays a short sound (default true)
 * @param secureCookies      mark the session cookie {@code Secure}; turn on when a TLS proxy fronts the gateway (a
 *                           request with {@code X-Forwarded-Proto: https} gets it anyway)
 * @param workerThreads      threads that render pages and wait for the engine, off the network threads (default 4)
 */
public record ConsoleSettings(Integer sessionIdleMinutes, Integer sessionMaxHours, Integer maxSessions, Boolean errorSound,
                              Boolean secureCookies, Integer workerThreads) {

    public ConsoleSettings {
        sessionIdleMinutes = sessionIdleMinutes == null ? 30 : sessionIdleMinutes;
        sessionMaxHours = sessionMaxHours == null ? 12 : sessionMaxHours;
        maxSessions = maxSessions == null ? 1000 : maxSessions;
        errorSound = errorSound == null || errorSound;
        secureCookies = secureCookies != null && secureCookies;
        workerThreads = workerThreads == null ? 4 : workerThreads;
    }

    public static ConsoleSettings defaults() {
        return new ConsoleSettings(null, null, null, null, null, null);
    }

    /** The first setting out of its range as {@code key: problem}, or null when all are valid. */
    public String problem() {
        if (sessionIdleMinutes < 1 || sessionIdleMinutes > 24 * 60) {
            return "session-idle-minutes: must be between 1 and 1440";
        }
        if (sessionMaxHours < 1 || sessionMaxHours > 7 * 24) {
            return "session-max-hours: must be between 1 and 168";
        }
        if (maxSessions < 1 || maxSessions > 100_000) {
            return "max-sessions: must be between 1 and 100000";
        }
        if (workerThreads < 1 || workerThreads > 64) {
            return "worker-threads: must be between 1 and 64";
        }
        return null;
    }
}
