package org.stackbridge.sip2.mapping;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.sip2.session.Sip2Profile;

class Sip2MapperTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void sipDatesUseTheZoneRulesAtTheMessageDate() {
        // winter (UTC+1) and summer (UTC+2) dates parsed on the same day give different offsets
        assertEquals(Instant.parse("2026-01-15T09:00:00Z"), Sip2Mapper.parseSipDate("20260115    100000", PARIS));
        assertEquals(Instant.parse("2026-07-15T08:00:00Z"), Sip2Mapper.parseSipDate("20260715    100000", PARIS));
        assertEquals(Instant.parse("2026-01-15T10:00:00Z"), Sip2Mapper.parseSipDate("20260115   Z100000", PARIS));
        assertEquals(Instant.parse("2026-01-15T09:00:00Z"), Sip2Mapper.parseSipDate("20260115   A100000", PARIS));
        assertEquals(Instant.parse("2026-01-15T11:00:00Z"), Sip2Mapper.parseSipDate("20260115   N100000", PARIS));
        assertEquals(Instant.parse("2026-01-14T22:00:00Z"), Sip2Mapper.parseSipDate("20260115   M100000", PARIS));
        assertNull(Sip2Mapper.parseSipDate(" ".repeat(18), PARIS), "18 blanks = no date");
        assertNull(Sip2Mapper.parseSipDate("20261315    100000", PARIS));
        assertNull(Sip2Mapper.parseSipDate("20260115   J100000", PARIS), "J is not a zone letter");
        assertEquals("20260115    100000", Sip2Mapper.sipDate(Instant.parse("2026-01-15T09:00:00Z"), PARIS));
    }

    @Test
    void moneyIsPlainWithTwoDecimals() {
        assertEquals("1.50", Sip2Mapper.money(Money.of("1.5", "EUR")));
        assertEquals("1234567.00", Sip2Mapper.money(Money.of("1234567", "EUR")));
        assertEquals("0.00", Sip2Mapper.money(null));
    }

    @Test
    void eachPatronFlagSetsItsPositionUnlessTheProfileRemapsIt() {
        Sip2Profile p = Sip2Profile.defaults();
        for (PatronFlag f : PatronFlag.values()) {
            String s = Sip2Mapper.patronStatus(EnumSet.of(f), p);
            assertEquals(14, s.length());
            assertEquals('Y', s.charAt(f.sip2Position()), f.name());
            assertEquals(13, s.chars().filter(c -> c == ' ').count(), f.name());
        }
        Sip2Profile remapped = new Sip2Profile(null, null, null, null, null, null, null, null, null, null, null,
                Map.of("TOO_MANY_ITEMS_CHARGED", List.of(), "CARD_REPORTED_LOST", List.of(0, 4)), null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        assertEquals(" ".repeat(14), Sip2Mapper.patronStatus(EnumSet.of(PatronFlag.TOO_MANY_ITEMS_CHARGED), remapped));
        assertEquals("Y   Y         ", Sip2Mapper.patronStatus(EnumSet.of(PatronFlag.CARD_REPORTED_LOST), remapped));
    }

    @Test
    void aLockedPinSetsChargePrivilegesDeniedUnlessTheProfileMapsPinLockedElsewhere() {
        org.stackbridge.core.outcome.Views.PatronInfo locked = new org.stackbridge.core.outcome.Views.PatronInfo(null,
                EnumSet.of(PatronFlag.CARD_REPORTED_LOST), null, null, null, List.of(), List.of(), List.of(), List.of(), 0, false, true);
        org.stackbridge.core.outcome.Views.PatronInfo open = new org.stackbridge.core.outcome.Views.PatronInfo(null,
                EnumSet.of(PatronFlag.CARD_REPORTED_LOST), null, null, null, List.of(), List.of(), List.of(), List.of(), 0, false, false);
        assertEquals("Y   Y         ", Sip2Mapper.patronStatus(locked, Sip2Profile.defaults()));
        assertEquals("    Y         ", Sip2Mapper.patronStatus(open, Sip2Profile.defaults()));
        Sip2Profile elsewhere = new Sip2Profile(null, null, null, null, null, null, null, null, null, null, null,
                Map.of(Sip2Mapper.PIN_LOCKED_STATUS, List.of(13)), null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertEquals("    Y        Y", Sip2Mapper.patronStatus(locked, elsewhere));
        Sip2Profile none = new Sip2Profile(null, null, null, null, null, null, null, null, null, null, null,
                Map.of(Sip2Mapper.PIN_LOCKED_STATUS, List.of()), null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertEquals("    Y         ", Sip2Mapper.patronStatus(locked, none));
    }

    @Test
    void screenMessagesPreferLanguageThenKeyThenEngineText() {
        Sip2Profile p = new Sip2Profile(null, null, null, null, null, null, null, null,
                Map.of("RENEWAL_LIMIT@002", "Limite de prolongations", "RENEWAL_LIMIT", "No more renewals"), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
        assertEquals("Limite de prolongations", Sip2Mapper.screenMessage(p, "RENEWAL_LIMIT", "002", "engine"));
        assertEquals("No more renewals", Sip2Mapper.screenMessage(p, "RENEWAL_LIMIT", "001", "engine"));
        assertEquals("engine", Sip2Mapper.screenMessage(p, "UNKNOWN_ITEM", "001", "engine"));
        assertEquals("Checked out", Sip2Mapper.screenMessage(p, "CHECKOUT_OK", "001", null));
    }
}
