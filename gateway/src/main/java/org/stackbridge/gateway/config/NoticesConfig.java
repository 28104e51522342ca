package org.stackbridge.gateway.config;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stackbridge.core.notice.NoticeSettings;
import org.stackbridge.core.notice.NoticeType;

/**
 * The {@code notices:} section: overdue, pre-due, hold and fee notices by e-mail and in a printed batch (issue #13).
 *
 * @param enabled        whether the notices job runs on the housekeeping schedule (on-demand runs work either way)
 * @param smtp           the SMTP server; no host: e-mail notices go to the print batch
 * @param from           the sender address of the e-mails
 * @param sendTime       local time of day from which scheduled runs send (per library overridable)
 * @param sendUntil      local time of day after which scheduled runs wait for the next day
 * @param templates      directory of the templates, relative to the configuration file's directory
 * @param types          per type (its label, e.g. {@code overdue-3}): false turns it off (all on by default)
 * @param preDueDays     courtesy notice this many days before a loan is due
 * @param overdueDays    days after the due date of the first, second and third overdue notice
 * @param blockAtLevel   the overdue notice (1-3) that also blocks the patron; 0 never
 * @param holdExpiryDays reminder this many days before a hold's last day on the shelf
 * @param membershipDays reminder this many days before a card expires
 * @param lookbackDays   fees and ILL arrivals older than this are not notified
 * @param leaseSeconds   how long a node's lease on the job lasts without renewal (another node takes over after)
 * @param retry          delivery retries
 * @param libraries      per library code: send window, address and opening hours for the templates
 * @param senders        threads that mail at once (each with its own SMTP connection); 1-16, default 2
 * @param claimSize      e-mail notices a sender claims at once, sends over one connection and marks sent with its next
 *                       claim: what a crash may send twice; 1-500, default 20
 * @param mailFolder     with no SMTP host: a folder that receives each e-mail notice as an RFC 822 {@code .eml} file
 *                       (demo, trials); empty: e-mail notices go to the print batch
 */
public record NoticesConfig(Boolean enabled, Smtp smtp, String from, String sendTime, String sendUntil, String templates,
                            Map<String, Boolean> types, Integer preDueDays, List<Integer> overdueDays, Integer blockAtLevel,
                            Integer holdExpiryDays, Integer membershipDays, Integer lookbackDays, Integer leaseSeconds,
                            Retry retry, Map<String, LibraryNotices> libraries, Integer senders, Integer claimSize,
                            String mailFolder) {

    public NoticesConfig {
        enabled = enabled == null || enabled;
        smtp = smtp == null ? new Smtp(null, null, null, null, null, null) : smtp;
        from = from == null || from.isBlank() ? "library@localhost" : from;
        sendTime = sendTime == null ? "09:00" : sendTime;
        sendUntil = sendUntil == null ? "20:00" : sendUntil;
        templates = templates == null || templates.isBlank() ? "notices" : templates;
        types = types == null ? Map.of() : Map.copyOf(types);
        preDueDays = preDueDays == null ? 3 : preDueDays;
        overdueDays = overdueDays == null ? List.of(1, 14, 28) : List.copyOf(overdueDays);
        blockAtLevel = blockAtLevel == null ? 0 : blockAtLevel;
        holdExpiryDays = holdExpiryDays == null ? 2 : holdExpiryDays;
        membershipDays = membershipDays == null ? 30 : membershipDays;
        lookbackDays = lookbackDays == null ? 7 : lookbackDays;
        leaseSeconds = leaseSeconds == null ? 300 : leaseSeconds;
        retry = retry == null ? new Retry(null, null) : retry;
        libraries = libraries == null ? Map.of() : Map.copyOf(libraries);
        senders = senders == null ? 2 : senders;
        claimSize = claimSize == null ? 20 : claimSize;
        mailFolder = mailFolder == null ? "" : mailFolder.strip();
    }

    public static NoticesConfig defaults() {
        return new NoticesConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /**
     * @param host           SMTP server; empty: no e-mail (notices go to the print batch, and the gateway says so)
     * @param port           default 587
     * @param starttls       require STARTTLS (default true)
     * @param user           login, if the server wants one
     * @param password       its password (never logged)
     * @param timeoutSeconds connect, read and write timeout (default 10)
     */
    public record Smtp(String host, Integer port, Boolean starttls, String user, String password, Integer timeoutSeconds) {
        public Smtp {
            port = port == null ? 587 : port;
            starttls = starttls == null || starttls;
            timeoutSeconds = timeoutSeconds == null ? 10 : timeoutSeconds;
        }

        public boolean configured() {
            return host != null && !host.isBlank();
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", starttls=" + starttls + ", user=" + user + ", password=***]";
        }
    }

    /**
     * @param attempts    delivery attempts before a notice shows as failed (default 5)
     * @param baseSeconds wait before the first retry, doubled for each further one (default 300)
     */
    public record Retry(Integer attempts, Integer baseSeconds) {
        public Retry {
            attempts = attempts == null ? 5 : attempts;
            baseSeconds = baseSeconds == null ? 300 : baseSeconds;
        }
    }

    /**
     * @param sendTime     this library's start of sending (default the section's)
     * @param sendUntil    this library's end of sending (default the section's)
     * @param address      the library's postal address for the templates (lines separated by newlines)
     * @param openingHours the opening hours for the templates
     */
    public record LibraryNotices(String sendTime, String sendUntil, String address, String openingHours) {
    }

    /** The core settings these values make. */
    public NoticeSettings settings() {
        Set<NoticeType> on = EnumSet.allOf(NoticeType.class);
        types.forEach((label, enabledType) -> NoticeType.parse(label).filter(t -> !Boolean.TRUE.equals(enabledType)).ifPresent(on::remove));
        return new NoticeSettings(on, preDueDays, overdueDays, blockAtLevel, holdExpiryDays, membershipDays, lookbackDays,
                retry.attempts(), retry.baseSeconds());
    }

    /** The first setting out of its range as {@code key: problem}, or null when all are valid. */
    public String problem() {
        for (String label : types.keySet()) {
            if (NoticeType.parse(label).isEmpty()) {
                return "types." + label + ": unknown notice type; one of " + java.util.Arrays.stream(NoticeType.values())
                        .map(NoticeType::label).toList();
            }
        }
        if (!validTime(sendTime)) {
            return "send-time: must be a time of day HH:MM, got " + sendTime;
        }
        if (!validTime(sendUntil)) {
            return "send-until: must be a time of day HH:MM, got " + sendUntil;
        }
        for (Map.Entry<String, LibraryNotices> e : libraries.entrySet()) {
            if (e.getValue().sendTime() != null && !validTime(e.getValue().sendTime())) {
                return "libraries." + e.getKey() + ".send-time: must be a time of day HH:MM";
            }
            if (e.getValue().sendUntil() != null && !validTime(e.getValue().sendUntil())) {
                return "libraries." + e.getKey() + ".send-until: must be a time of day HH:MM";
            }
        }
        if (smtp.port() < 1 || smtp.port() > 65535) {
            return "smtp.port: must be between 1 and 65535";
        }
        if (smtp.timeoutSeconds() < 1 || smtp.timeoutSeconds() > 600) {
            return "smtp.timeout-seconds: must be between 1 and 600";
        }
        if (leaseSeconds < 10 || leaseSeconds > 86_400) {
            return "lease-seconds: must be between 10 and 86400";
        }
        if (senders < 1 || senders > 16) {
            return "senders: must be between 1 and 16";
        }
        if (claimSize < 1 || claimSize > 500) {
            return "claim-size: must be between 1 and 500";
        }
        if (retry.attempts() < 1 || retry.attempts() > 100) {
            return "retry.attempts: must be between 1 and 100";
        }
        if (retry.baseSeconds() < 0 || retry.baseSeconds() > 86_400) {
            return "retry.base-seconds: must be between 0 and 86400";
        }
        try {
            settings();
        } catch (IllegalArgumentException e) {
            return "overdue-days: three ascending day counts, other counts 0 or more, block-at-level 0-3 (" + e.getMessage() + ")";
        }
        return null;
    }

    /** These settings with e-mail notices written to {@code folder} while no SMTP host is set. */
    public NoticesConfig withMailFolder(String folder) {
        return new NoticesConfig(enabled, smtp, from, sendTime, sendUntil, templates, types, preDueDays, overdueDays, blockAtLevel,
                holdExpiryDays, membershipDays, lookbackDays, leaseSeconds, retry, libraries, senders, claimSize, folder);
    }

    /** Whether e-mail notices are written to {@link #mailFolder} (set, and no SMTP host). */
    public boolean mailsToFolder() {
        return !smtp.configured() && !mailFolder.isEmpty();
    }

    /** The sending window of a library: from, until. */
    public LocalTime[] window(String library) {
        LibraryNotices l = libraries.get(library);
        String start = l != null && l.sendTime() != null ? l.sendTime() : sendTime;
        String end = l != null && l.sendUntil() != null ? l.sendUntil() : sendUntil;
        return new LocalTime[] {LocalTime.parse(start), LocalTime.parse(end)};
    }

    private static boolean validTime(String t) {
        try {
            LocalTime.parse(t);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
