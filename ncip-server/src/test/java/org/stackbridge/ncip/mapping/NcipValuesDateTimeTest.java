package org.stackbridge.ncip.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import javax.xml.datatype.XMLGregorianCalendar;
import org.junit.jupiter.api.Test;

/** The dateTime written from an instant's UTC fields is the one the GregorianCalendar conversion wrote before. */
class NcipValuesDateTimeTest {

    @Test
    void sameTextAndValueAsTheCalendarConversion() {
        SplittableRandom random = new SplittableRandom(15);
        long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            same(Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000)));
            checked++;
        }
        for (String edge : new String[] {"1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z", "1582-10-04T12:00:00Z",
                "1582-10-15T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-12-07T16:45:00.5Z"}) {
            same(Instant.parse(edge));
            checked++;
        }
        // outside 1..9999 the calendar's conversion itself is used
        same(Instant.parse("-0001-06-01T00:00:00Z"));
        same(Instant.parse("+10000-01-01T00:00:00Z"));
        System.out.println("dateTime compared with the calendar conversion for " + checked + " instants");
    }

    @Test
    void knownTexts() {
        assertEquals("2030-01-01T00:00:00Z", NcipValues.dateTime(LocalDate.of(2030, 1, 1)).toXMLFormat());
        assertEquals("2026-12-07T16:45:07Z", NcipValues.dateTime(Instant.parse("2026-12-07T16:45:07.123Z")).toXMLFormat());
    }

    private static void same(Instant at) {
        XMLGregorianCalendar expected = NcipValues.viaCalendar(at);
        XMLGregorianCalendar actual = NcipValues.dateTime(at);
        assertEquals(expected.toXMLFormat(), actual.toXMLFormat(), at.toString());
        assertEquals(expected, actual, at.toString());
    }
}
