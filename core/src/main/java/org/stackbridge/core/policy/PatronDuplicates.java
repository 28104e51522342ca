package org.stackbridge.core.policy;

import java.time.LocalDate;
import java.util.Objects;
import org.stackbridge.core.model.PatronSearch;
import org.stackbridge.core.outcome.Views;

/**
 * When a new patron may already have a record: the same name and birth date, or the same e-mail address. Names and
 * e-mails are compared folded ({@link PatronSearch#fold}: case, accents and surrounding spaces ignored; runs of spaces
 * count as one). The console asks before creating such a patron; this is the one place the rule lives.
 */
public final class PatronDuplicates {

    /** At most this many possible duplicates are looked at and reported. */
    public static final int MAX_REPORTED = 20;

    private PatronDuplicates() {
    }

    /** Whether {@code existing} may be the same person as a new patron with this name, birth date and e-mail. */
    public static boolean possibleDuplicate(Views.PatronView existing, String name, LocalDate birthDate, String email) {
        boolean sameNameAndBirth = name != null && birthDate != null && birthDate.equals(existing.birthDate())
                && Objects.equals(key(name), key(existing.name()));
        boolean sameEmail = email != null && !email.isBlank() && Objects.equals(key(email), key(existing.email()));
        return sameNameAndBirth || sameEmail;
    }

    /** The folded form two names or e-mails are compared by; null for null. */
    static String key(String s) {
        String folded = PatronSearch.fold(s);
        return folded == null ? null : folded.replaceAll("\\s+", " ");
    }
}
