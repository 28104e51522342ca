package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Library;

public interface LibrariesContract extends StoreFixture {

    @Test
    default void unknownLibraryIsAbsent() {
        assertTrue(read(tx -> tx.libraries().find("NOPE")).isEmpty());
        assertEquals(List.of(), read(tx -> tx.libraries().all()));
    }

    @Test
    default void savedLibraryKeepsItsCalendar() {
        Library lib = new Library("EAST", "East branch", "CITY", ZoneId.of("Europe/Berlin"),
                Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY), Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)));
        write(tx -> {
            tx.libraries().save(lib);
            return null;
        });
        assertEquals(lib, read(tx -> tx.libraries().find("EAST")).orElseThrow());
    }

    @Test
    default void saveReplacesByCode() {
        write(tx -> {
            tx.libraries().save(new Library("EAST", "East", "CITY", null, Set.of(DayOfWeek.SUNDAY), Set.of(LocalDate.of(2026, 12, 25))));
            return null;
        });
        Library replaced = new Library("EAST", "East renamed", "CITY", ZoneId.of("America/Chicago"), Set.of(DayOfWeek.SATURDAY), Set.of());
        write(tx -> {
            tx.libraries().save(replaced);
            return null;
        });
        assertEquals(replaced, read(tx -> tx.libraries().find("EAST")).orElseThrow());
        assertEquals(1, read(tx -> tx.libraries().all()).size());
    }

    @Test
    default void allListsEveryLibraryByCode() {
        write(tx -> {
            tx.libraries().save(Library.of("WEST", "West"));
            tx.libraries().save(Library.of("CITY", "City"));
            tx.libraries().save(new Library("EAST", "East", "CITY", null, Set.of(DayOfWeek.SUNDAY), Set.of()));
            return null;
        });
        List<Library> all = read(tx -> tx.libraries().all());
        assertEquals(List.of("CITY", "EAST", "WEST"), all.stream().map(Library::code).toList());
        assertEquals(Set.of(DayOfWeek.SUNDAY), all.get(1).closedWeekdays());
    }
}
