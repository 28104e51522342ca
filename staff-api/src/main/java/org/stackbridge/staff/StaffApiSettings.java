package org.stackbridge.staff;

/**
 * Settings of the staff API ({@code staff-api:} in the gateway's config); a plain record that Jackson binds from
 * YAML. Missing values take the defaults below.
 *
 * @param tokenLifetimeMinutes how long a bearer token from {@code POST /api/v1/auth/login} stays valid (default 480 = 8 h)
 * @param maxBodyBytes         largest accepted request body (default 1 MiB); larger gets 413
 * @param maxFailedLogins      failed logins in a row after which a login is locked (default 5)
 * @param lockMinutes          how long a locked login stays locked (default 5)
 * @param maxSessions          most live tokens kept; beyond it the oldest is dropped (default 10000)
 * @param workerThreads        threads that run requests off the event loop (default 4)
 */
public record StaffApiSettings(Integer tokenLifetimeMinutes, Integer maxBodyBytes, Integer maxFailedLogins, Integer lockMinutes,
                               Integer maxSessions, Integer workerThreads) {

    public static final int DEFAULT_MAX_BODY = 1 << 20;

    public StaffApiSettings {
        tokenLifetimeMinutes = tokenLifetimeMinutes == null ? 480 : tokenLifetimeMinutes;
        maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY : maxBodyBytes;
        maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
        lockMinutes = lockMinutes == null ? 5 : lockMinutes;
        maxSessions = maxSessions == null ? 10_000 : maxSessions;
        workerThreads = workerThreads == null ? 4 : workerThreads;
    }

    public static StaffApiSettings defaults() {
        return new StaffApiSettings(null, null, null, null, null, null);
    }

    /** The first setting out of its range as {@code key: problem}, or null when all are valid. */
    public String problem() {
        if (tokenLifetimeMinutes < 1 || tokenLifetimeMinutes > 7 * 24 * 60) {
            return "token-lifetime-minutes: must be between 1 and 10080 (one week)";
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > 64 << 20) {
            return "max-body-bytes: must be between 1024 and 67108864";
        }
        if (maxFailedLogins < 1 || maxFailedLogins > 100) {
            return "max-failed-logins: must be between 1 and 100";
        }
        if (lockMinutes < 1 || lockMinutes > 24 * 60) {
            return "lock-minutes: must be between 1 and 1440";
        }
        if (maxSessions < 1 || maxSessions > 1_000_000) {
            return "max-sessions: must be between 1 and 1000000";
        }
        if (workerThreads < 1 || workerThreads > 64) {
            return "worker-threads: must be between 1 and 64";
        }
        return null;
    }
}
