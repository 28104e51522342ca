package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * A library (branch) with its calendar. {@code institution} is the code of the institution the branch
 * belongs to; an institution is a library whose code equals its institution code.
 */
public record Library(String code, String name, String institution, ZoneId zone,
                      Set<DayOfWeek> closedWeekdays, Set<LocalDate> closedDates) implements Serializable {

    public Library {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        institution = institution == null || institution.isBlank() ? code : institution;
        zone = zone == null ? ZoneId.of("UTC") : zone;
        closedWeekdays = Set.copyOf(closedWeekdays == null ? Set.of() : closedWeekdays);
        closedDates = Set.copyOf(closedDates == null ? Set.of() : closedDates);
    }

    public static Library of(String code, String name) {
        return new Library(code, name, code, ZoneId.of("UTC"), Set.of(), Set.of());
    }

    public boolean isOpen(LocalDate day) {
        return !closedWeekdays.contains(day.getDayOfWeek()) && !closedDates.contains(day);
    }

    public Library withClosedDates(Set<LocalDate> dates) {
        return new Library(code, name, institution, zone, closedWeekdays, dates);
    }
}
