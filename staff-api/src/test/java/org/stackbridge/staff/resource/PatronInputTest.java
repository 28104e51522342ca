package org.stackbridge.staff.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.PatronCommands.PatronField;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.staff.problem.ProblemException;

/** The patron field checks the staff API and the console share: every invalid field named, clearing, PINs, blocks, override reasons. */
class PatronInputTest {

    private static List<String> fields(ProblemException e) {
        return PatronInput.errors(e).stream().map(er -> er.field()).toList();
    }

    @Test
    void aNewPatronNamesEveryInvalidField() {
        ProblemException e = assertThrows(ProblemException.class, () -> PatronInput.details(new PatronsResource.NewPatron(" ", null, "ADULT",
                "MAIN", "no-at-sign", "call me", null, "2030-13-01", "yesterday", "sms", "123", "12")));
        assertEquals(400, e.problem().status());
        assertEquals(Set.of("barcode", "name", "email", "phone", "expires", "birth_date", "language", "notice_preference", "pin"),
                Set.copyOf(fields(e)));
    }

    @Test
    void aValidNewPatronBecomesTheEnginesDetails() {
        PatronCommands.PatronDetails d = PatronInput.details(new PatronsResource.NewPatron(" B1 ", "Ada", " ADULT ", "MAIN",
                "ada@example.org", "+1 555", null, null, "1990-05-17", null, "en", "4321"));
        assertEquals("B1", d.barcode());
        assertEquals("ADULT", d.category());
        assertEquals(LocalDate.of(1990, 5, 17), d.birthDate());
        assertNull(d.noticePreference(), "the engine picks the default");
    }

    @Test
    void aPatchSetsTheGivenFieldsClearsNullOnesAndRefusesClearingARequiredOne() {
        Map<String, String> values = new HashMap<>();
        values.put("phone", null);
        values.put("name", "New Name");
        PatronCommands.PatronPatch patch = PatronInput.patch(values);
        assertEquals(Set.of(PatronField.PHONE, PatronField.NAME), patch.set());
        assertNull(patch.phone());
        assertEquals("New Name", patch.name());

        Map<String, String> bad = new HashMap<>();
        bad.put("name", null);
        bad.put("barcode", "X");
        bad.put("email", "nope");
        assertEquals(Set.of("name", "barcode", "email"), Set.copyOf(fields(assertThrows(ProblemException.class, () -> PatronInput.patch(bad)))));
    }

    @Test
    void pinsBlocksAndOverrideReasons() {
        assertEquals("4321", PatronInput.pin("4321"));
        assertEquals(List.of("pin"), fields(assertThrows(ProblemException.class, () -> PatronInput.pin("12|4"))));
        assertEquals(List.of("pin"), fields(assertThrows(ProblemException.class, () -> PatronInput.pin("12 45"))));

        PatronInput.Block b = PatronInput.block(new PatronsResource.NewBlock("Address_Unknown", null, "letters returned", null));
        assertEquals(BlockType.ADDRESS_UNKNOWN, b.type());
        assertEquals(List.of("type"), fields(assertThrows(ProblemException.class,
                () -> PatronInput.block(new PatronsResource.NewBlock("kiosk", null, null, null)))));

        assertEquals("agreed", PatronInput.checkoutOverride("reason", " agreed ").reason());
        assertEquals(List.of("reason"), fields(assertThrows(ProblemException.class, () -> PatronInput.checkoutOverride("reason", " "))));
        assertTrue(fields(assertThrows(ProblemException.class, () -> PatronInput.checkoutOverride("reason", "x".repeat(501)))).contains("reason"));
    }
}
