package org.stackbridge.staff.console.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.catalogue.CopyCatalogue;
import org.stackbridge.core.catalogue.MarcCataloguing;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.policy.RecordVerification;

/** The verification report as one line per check, and two hits compared field by field. */
class CataloguePageModelsTest {

    @Test
    void eachCheckThatRanIsOneLineWithTheErrorsAndDuplicatesItFound() {
        RecordVerification.Report report = new RecordVerification.Report(RecordVerification.CHECKS,
                List.of(new RecordVerification.Finding("isbn-check-digits", "020", "ISBN 9780306406158 has a wrong check digit or length")),
                List.of(new RecordVerification.Duplicate("OCLC", "777001", "rem-3rd", "Tides")));
        Map<String, CataloguePageModels.CheckLine> lines = CataloguePageModels.checks(report).stream()
                .collect(Collectors.toMap(CataloguePageModels.CheckLine::check, Function.identity()));
        assertEquals(RecordVerification.CHECKS.size(), lines.size());
        assertFalse(lines.get("isbn-check-digits").passed());
        assertEquals(List.of("020: ISBN 9780306406158 has a wrong check digit or length"), lines.get("isbn-check-digits").findings());
        assertFalse(lines.get("duplicate-oclc").passed());
        assertTrue(lines.get("duplicate-oclc").findings().get(0).contains("rem-3rd"));
        assertTrue(lines.get("required-fields").passed());
        assertTrue(lines.get("duplicate-isbn").passed());
        assertEquals(List.of(), CataloguePageModels.checks(null));
    }

    @Test
    void twoHitsAreComparedByDescriptionAndByEveryTagEitherHolds() {
        CopyCatalogue.Fetched a = fetched("r.1", "3rd ed.", List.of(
                new MarcCataloguing.Field("001", null, null, "rem-3rd", List.of()),
                new MarcCataloguing.Field("020", " ", " ", null, List.of(new MarcCataloguing.Subfield("a", "9780306406157"))),
                new MarcCataloguing.Field("245", "1", "0", null, List.of(new MarcCataloguing.Subfield("a", "Tides")))));
        CopyCatalogue.Fetched b = fetched("r.2", "2nd ed.", List.of(
                new MarcCataloguing.Field("001", null, null, "rem-2nd", List.of()),
                new MarcCataloguing.Field("245", "1", "0", null, List.of(new MarcCataloguing.Subfield("a", "Tides"))),
                new MarcCataloguing.Field("500", " ", " ", null, List.of(new MarcCataloguing.Subfield("a", "Note")))));
        Map<String, CataloguePageModels.CompareRow> rows = CataloguePageModels.compare(a, b).stream()
                .collect(Collectors.toMap(CataloguePageModels.CompareRow::label, Function.identity()));
        assertTrue(rows.get("Edition").differs());
        assertFalse(rows.get("Title").differs());
        assertEquals("## $a 9780306406157", rows.get("020").left());
        assertEquals("—", rows.get("020").right());
        assertEquals("—", rows.get("500").left());
        assertEquals("10 $a Tides", rows.get("245").left());
        assertFalse(rows.get("245").differs());
        assertTrue(rows.get("001").differs());
    }

    private static CopyCatalogue.Fetched fetched(String ref, String edition, List<MarcCataloguing.Field> fields) {
        CopyCatalogue.Hit hit = new CopyCatalogue.Hit(ref, "remote", "Tides", "Okafor, Ngozi", "Example Press", "2026", edition,
                List.of(new BibIdentifier(BibIdentifier.Type.OCLC, "777001")));
        return new CopyCatalogue.Fetched(hit, null, new MarcCataloguing.Shown("00306nam a2200121 a 4500", fields, ""));
    }
}
