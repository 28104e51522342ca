package org.stackbridge.ncip.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * NCIP listener settings; a plain record tree that Jackson binds from YAML without annotations.
 *
 * @param path          endpoint path (default /ncip)
 * @param maxBodyBytes  largest accepted request body (default 1 MiB); larger gets HTTP 413
 * @param openMode      accept unknown agencies (with the generic dialect); never in production
 * @param agencies      partners by FromAgencyId (matched case-insensitively)
 * @param libraries     ToAgencyId → our library as "INSTITUTION" or "INSTITUTION/BRANCH"
 * @param defaults      defaults for all partners
 * @param currency      ISO currency code of amounts (default the engine's, USD)
 * @param workerThreads threads that parse and write XML off the event loop (default: cores)
 * @param readTimeoutSeconds how long a client may take to send a whole request (headers and body) before it gets
 *                      HTTP 408 and the connection is closed (default 30)
 */
public record NcipSettings(String path, Integer maxBodyBytes, Boolean openMode, Map<String, NcipAgency> agencies,
                           Map<String, String> libraries, NcipDefaults defaults, String currency, Integer workerThreads,
                           Integer readTimeoutSeconds) {

    public static final int DEFAULT_MAX_BODY = 1 << 20;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;

    public NcipSettings(String path, Integer maxBodyBytes, Boolean openMode, Map<String, NcipAgency> agencies,
                        Map<String, String> libraries, NcipDefaults defaults, String currency, Integer workerThreads) {
        this(path, maxBodyBytes, openMode, agencies, libraries, defaults, currency, workerThreads, null);
    }

    public NcipSettings {
        path = path == null || path.isBlank() ? "/ncip" : (path.startsWith("/") ? path : "/" + path);
        maxBodyBytes = maxBodyBytes == null || maxBodyBytes <= 0 ? DEFAULT_MAX_BODY : maxBodyBytes;
        openMode = openMode != null && openMode;
        Map<String, NcipAgency> byLowerId = new LinkedHashMap<>();
        if (agencies != null) {
            agencies.forEach((k, v) -> byLowerId.put(k.toLowerCase(Locale.ROOT), v == null ? NcipAgency.open(null) : v));
        }
        agencies = Map.copyOf(byLowerId);
        libraries = libraries == null ? Map.of() : Map.copyOf(libraries);
        defaults = defaults == null ? NcipDefaults.standard() : defaults;
        currency = currency == null || currency.isBlank() ? "USD" : currency;
        java.util.Currency.getInstance(currency);
        workerThreads = workerThreads == null || workerThreads <= 0 ? Math.max(2, Runtime.getRuntime().availableProcessors()) : workerThreads;
        readTimeoutSeconds = readTimeoutSeconds == null || readTimeoutSeconds <= 0 ? DEFAULT_READ_TIMEOUT_SECONDS : readTimeoutSeconds;
    }

    public static NcipSettings standard() {
        return new NcipSettings(null, null, null, null, null, null, null, null, null);
    }

    public Optional<NcipAgency> agency(String fromAgencyId) {
        return fromAgencyId == null ? Optional.empty() : Optional.ofNullable(agencies.get(fromAgencyId.trim().toLowerCase(Locale.ROOT)));
    }

    /** The agency id whose {@link NcipAgency#path()} is this path, if any. */
    public Optional<String> agencyForPath(String requestPath) {
        return agencies.entrySet().stream().filter(e -> e.getValue().path() != null && e.getValue().path().equals(requestPath))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Whether a request path belongs to the NCIP endpoint. */
    public boolean servesPath(String requestPath) {
        return path.equals(requestPath) || agencyForPath(requestPath).isPresent();
    }
}
