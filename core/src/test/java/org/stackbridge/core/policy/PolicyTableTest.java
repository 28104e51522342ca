package org.stackbridge.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTableTest {

    private final CirculationRule fallback = rule().source("fallback").build();
    private final CirculationRule mainLibrary = rule().scope("MAIN", null, null).source("main").build();
    private final CirculationRule staff = rule().scope(null, "STAFF", null).source("staff").build();
    private final CirculationRule dvd = rule().scope(null, null, "DVD").source("dvd").build();
    private final CirculationRule staffDvd = rule().scope(null, "STAFF", "DVD").source("staff-dvd").build();
    private final CirculationRule mainStaffDvd = rule().scope("MAIN", "STAFF", "DVD").source("exact").build();

    @Test
    void wildcardRuleMatchesAnyKeys() {
        PolicyTable table = new PolicyTable(List.of(fallback));
        assertSame(fallback, table.find("ANY", "ADULT", "BOOK").orElseThrow());
        assertSame(fallback, table.find(null, null, null).orElseThrow());
    }

    @Test
    void starAndBlankKeysAreWildcards() {
        CirculationRule r = new CirculationRule("*", " ", null, 7, PeriodUnit.DAYS, 0, 0, 1, null, 0, null, false, 0, null, null);
        assertNull(r.library());
        assertNull(r.category());
        assertEquals(0, r.specificity());
        assertEquals("(*, *, *)", r.scope());
    }

    @Test
    void mostSpecificRuleWinsRegardlessOfOrder() {
        PolicyTable table = new PolicyTable(List.of(mainStaffDvd, staffDvd, dvd, staff, mainLibrary, fallback));
        assertSame(mainStaffDvd, table.find("MAIN", "STAFF", "DVD").orElseThrow());
        assertSame(staffDvd, table.find("BRANCH", "STAFF", "DVD").orElseThrow());
        assertSame(dvd, table.find("BRANCH", "ADULT", "DVD").orElseThrow());
        assertSame(fallback, table.find("BRANCH", "ADULT", "BOOK").orElseThrow());
    }

    @Test
    void twoKeysBeatOneKeyEvenWhenTheOneKeyIsTheLibrary() {
        PolicyTable table = new PolicyTable(List.of(mainLibrary, staffDvd));
        assertSame(staffDvd, table.find("MAIN", "STAFF", "DVD").orElseThrow());
    }

    @Test
    void tiesGoToLibraryThenCategoryThenItemType() {
        PolicyTable table = new PolicyTable(List.of(dvd, staff, mainLibrary));
        assertSame(mainLibrary, table.find("MAIN", "STAFF", "DVD").orElseThrow());
        assertSame(staff, table.find("OTHER", "STAFF", "DVD").orElseThrow());
        CirculationRule mainDvd = rule().scope("MAIN", null, "DVD").build();
        CirculationRule mainStaff = rule().scope("MAIN", "STAFF", null).build();
        assertSame(mainStaff, new PolicyTable(List.of(mainStaff, mainDvd)).find("MAIN", "STAFF", "DVD").orElseThrow());
        assertSame(mainStaff, new PolicyTable(List.of(mainDvd, mainStaff)).find("MAIN", "STAFF", "DVD").orElseThrow());
    }

    @Test
    void identicalScopesGoToTheLaterRule() {
        CirculationRule first = rule().scope("MAIN", null, null).source("conf").build();
        CirculationRule second = rule().scope("MAIN", null, null).source("database").build();
        assertSame(second, new PolicyTable(List.of(first, second)).find("MAIN", "ADULT", "BOOK").orElseThrow());
        assertSame(first, new PolicyTable(List.of(second, first)).find("MAIN", "ADULT", "BOOK").orElseThrow());
    }

    @Test
    void ruleWithItemTypeDoesNotMatchAMissingItemType() {
        PolicyTable table = new PolicyTable(List.of(dvd));
        assertTrue(table.find("MAIN", "ADULT", null).isEmpty());
    }

    @Test
    void noMatchExplainsHowToFixIt() {
        PolicyTable.Resolution r = new PolicyTable(List.of(dvd)).resolve("MAIN", "ADULT", "BOOK");
        assertNull(r.rule());
        assertEquals(1, r.explanation().size());
        assertTrue(r.explanation().get(0).contains("no rule matches (MAIN, ADULT, BOOK)"), r.explanation().toString());
        assertTrue(r.explanation().get(0).contains("(*, *, *)"), r.explanation().toString());
    }

    @Test
    void explanationListsCandidatesMostSpecificFirstAndNamesTheChoice() {
        PolicyTable table = new PolicyTable(List.of(fallback, mainLibrary, staffDvd, rule().scope("OTHER", null, null).build()));
        PolicyTable.Resolution r = table.resolve("MAIN", "STAFF", "DVD");
        assertSame(staffDvd, r.rule());
        List<String> why = r.explanation();
        assertEquals(4, why.size(), why.toString());
        assertEquals("rule #3 (*, STAFF, DVD) from staff-dvd matches with 2 specific key(s)", why.get(0));
        assertEquals("rule #2 (MAIN, *, *) from main matches with 1 specific key(s)", why.get(1));
        assertEquals("rule #1 (*, *, *) from fallback matches with 0 specific key(s)", why.get(2));
        assertTrue(why.get(3).startsWith("chosen: rule #3 (*, STAFF, DVD)"), why.get(3));
    }

    @Test
    void negativeRuleValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> rule().loan(-1, PeriodUnit.DAYS).build());
        assertThrows(IllegalArgumentException.class, () -> rule().maxLoans(-3).build());
        assertThrows(IllegalArgumentException.class, () -> rule().fine("-0.10", 0, null).build());
        assertThrows(IllegalArgumentException.class, () -> rule().fine("0.10", 0, "-1").build());
    }

    @Test
    void loanPeriodZeroMeansNotCirculating() {
        assertTrue(!rule().loan(0, PeriodUnit.DAYS).build().circulates());
        assertTrue(rule().loan(1, PeriodUnit.HOURS).build().circulates());
    }

    @Test
    void defaultsFillMissingValues() {
        CirculationRule r = new CirculationRule(null, null, null, 7, null, 0, 0, 1, null, 0, null, false, 0, null, null);
        assertEquals(PeriodUnit.DAYS, r.loanUnit());
        assertEquals(BigDecimal.ZERO, r.finePerDay());
        assertEquals(ClosedDayStrategy.NEXT_OPEN_DAY, r.closedDays());
        assertEquals("unknown", r.source());
    }
}
