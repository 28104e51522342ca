package org.stackbridge.core.notice;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.stackbridge.core.model.NoticePreference;

/**
 * Who gets which notice, when, and how: the one place these rules live (the notice job asks it; nothing else
 * decides). A notice is due once per subject (a loan and its due date, an overdue level, a hold, a fee, an ILL
 * request, a card's expiry date); the outbox key {@link #key} makes that "once" hold in the database.
 */
public final class NoticePolicy {

    private final NoticeSettings settings;

    public NoticePolicy(NoticeSettings settings) {
        this.settings = settings;
    }

    public NoticeSettings settings() {
        return settings;
    }

    public boolean enabled(NoticeType type) {
        return settings.enabled().contains(type);
    }

    /**
     * The channel for a patron: none for {@code NONE}; paper for {@code PRINT}, for a patron without an e-mail
     * address, and for everyone while no SMTP server is configured ({@code mailAvailable} false); else e-mail.
     */
    public Optional<NoticeChannel> channel(NoticePreference preference, String email, boolean mailAvailable) {
        if (preference == NoticePreference.NONE) {
            return Optional.empty();
        }
        if (preference == NoticePreference.PRINT || email == null || email.isBlank() || !mailAvailable) {
            return Optional.of(NoticeChannel.PRINT);
        }
        return Optional.of(NoticeChannel.EMAIL);
    }

    /** Whether an open loan due at {@code due} gets its courtesy notice now (due within pre-due days, not yet due). */
    public boolean preDue(Instant due, Instant now) {
        return enabled(NoticeType.PRE_DUE) && due.isAfter(now) && !due.isAfter(now.plus(Duration.ofDays(settings.preDueDays())));
    }

    /** The latest date a loan may fall due and still get a courtesy notice now. */
    public Instant preDueHorizon(Instant now) {
        return now.plus(Duration.ofDays(settings.preDueDays()));
    }

    /**
     * The overdue level reached by a loan due at {@code due}: the highest level whose days have passed. A loan that
     * jumped levels (the job did not run for a while) gets the highest one only: the earlier notices would say less.
     */
    public OptionalInt overdueLevel(Instant due, Instant now) {
        return overdueLevel(due, now, null);
    }

    /**
     * The overdue level reached by a loan due at {@code due} under a circulation rule with overdue notice days of its
     * own ({@code ruleDays}, the rule's {@code overdue-notice-days}; null: the notices' default days). As
     * {@link #overdueLevel(Instant, Instant)} otherwise.
     */
    public OptionalInt overdueLevel(Instant due, Instant now, List<Integer> ruleDays) {
        if (!now.isAfter(due)) {
            return OptionalInt.empty();
        }
        List<Integer> intervals = ruleDays == null ? settings.overdueDays() : ruleDays;
        long days = Duration.between(due, now).toDays();
        for (int level = 3; level >= 1; level--) {
            if (days >= intervals.get(level - 1) && enabled(NoticeType.overdue(level))) {
                return OptionalInt.of(level);
            }
        }
        return OptionalInt.empty();
    }

    /** Whether sending this notice also blocks the patron ({@code block-at-level}). */
    public boolean blocks(NoticeType type) {
        return settings.blockAtLevel() > 0 && type == NoticeType.overdue(settings.blockAtLevel());
    }

    /** Whether a hold whose last shelf day is {@code lastShelfDay} gets its reminder on {@code today}. */
    public boolean holdExpiring(LocalDate lastShelfDay, LocalDate today) {
        return enabled(NoticeType.HOLD_EXPIRING) && lastShelfDay != null && !lastShelfDay.isBefore(today)
                && !lastShelfDay.isAfter(today.plusDays(settings.holdExpiryDays()));
    }

    /** Whether a card expiring on {@code expires} gets its reminder on {@code today}. */
    public boolean membershipExpiring(LocalDate expires, LocalDate today) {
        return enabled(NoticeType.MEMBERSHIP_EXPIRING) && expires != null && !expires.isBefore(today)
                && !expires.isAfter(today.plusDays(settings.membershipDays()));
    }

    /** Fees and ILL arrivals older than this are not notified. */
    public Instant lookback(Instant now) {
        return now.minus(Duration.ofDays(settings.lookbackDays()));
    }

    /** When attempt number {@code attempts} (1 = the first) failed: the next try, or empty when it was the last. */
    public Optional<Duration> retryAfter(int attempts) {
        if (attempts >= settings.retryAttempts()) {
            return Optional.empty();
        }
        long seconds = (long) settings.retryBaseSeconds() << Math.min(attempts - 1, 20);
        return Optional.of(Duration.ofSeconds(seconds));
    }

    /** The outbox key of a notice: unique per patron, type and subject. */
    public static String key(NoticeType type, long patronId, String subject) {
        return type.label() + ":" + patronId + ":" + subject;
    }
}
