package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.catalogue.Attributes;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;
import org.stackbridge.z3950.query.CqlParser;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.z3950.query.Z3950QueryMapper;

@Timeout(30)
class QueryParsersTest {

    private static CatalogueQuery cql(String q) {
        return Z3950QueryMapper.map(Oids.BIB1_ATTRIBUTES, CqlParser.parse(q).rpn(), n -> null);
    }

    private static CatalogueQuery pqf(String q) {
        PqfParser.Pqf p = PqfParser.parse(q);
        return Z3950QueryMapper.map(p.attributeSet(), p.rpn(), n -> n.equals("1") ? new long[] {1, 2} : null);
    }

    @Test
    void cqlIndexesRelationsAndMasking() {
        CatalogueQuery.Term t = assertInstanceOf(CatalogueQuery.Term.class, cql("dc.title=prejud*"));
        assertEquals(new Attributes(4, 3, 0, 2, 1, 1), t.attributes());
        assertEquals("prejud", t.text());
        CatalogueQuery.Term isbn = assertInstanceOf(CatalogueQuery.Term.class, cql("bath.isbn = \"0-06-093325-9\""));
        assertEquals(7, isbn.attributes().use());
        CatalogueQuery.Term date = assertInstanceOf(CatalogueQuery.Term.class, cql("dc.date >= 2000"));
        assertEquals(4, date.attributes().relation());
        CatalogueQuery.Term mask = assertInstanceOf(CatalogueQuery.Term.class, cql("title=pr?de*ce"));
        assertEquals(104, mask.attributes().truncation());
        assertEquals("pr#de?ce", mask.text());
        CatalogueQuery.Term any = assertInstanceOf(CatalogueQuery.Term.class, cql("austen"));
        assertEquals(1016, any.attributes().use());
    }

    @Test
    void cqlBooleansNestAndSortbyIsParsed() {
        CatalogueQuery q = cql("(dc.creator=austen or dc.creator=bronte) not dc.title=emma");
        CatalogueQuery.AndNot n = assertInstanceOf(CatalogueQuery.AndNot.class, q);
        assertInstanceOf(CatalogueQuery.Or.class, n.left());
        assertEquals(List.of(new SortKey(30, true), new SortKey(4, false)),
                CqlParser.parse("austen sortby dc.date/sort.descending dc.title").sortKeys());
    }

    @Test
    void cqlErrorsCarryBib1Codes() {
        assertEquals(108, assertThrows(UnsupportedSearchException.class, () -> CqlParser.parse("dc.title=")).bib1Condition());
        assertEquals(114, assertThrows(UnsupportedSearchException.class, () -> CqlParser.parse("dc.nosuch=x")).bib1Condition());
        assertEquals(121, assertThrows(UnsupportedSearchException.class, () -> CqlParser.parse("foo.title=x")).bib1Condition());
        assertEquals(110, assertThrows(UnsupportedSearchException.class, () -> CqlParser.parse("a prox/nosuch b")).bib1Condition());
        assertEquals(117, assertThrows(UnsupportedSearchException.class, () -> CqlParser.parse("a prox/distance==2 b")).bib1Condition());
        assertEquals(108, assertThrows(UnsupportedSearchException.class, () -> CqlParser.parse("a prox/distance<=x b")).bib1Condition());
    }

    @Test
    void cqlProxModifiersAreTheProximityOperatorYazSends() {
        // YAZ's defaults: word unit, distance <= 1, unordered
        assertEquals(new CatalogueQuery.Prox(cql("a"), cql("b"), false, 1, false, 2, 2), cql("a prox b"));
        assertEquals(new CatalogueQuery.Prox(cql("dc.title=a"), cql("dc.title=b"), false, 2, true, 5, 2),
                cql("dc.title=a prox/unit=word/distance>2/ordered dc.title=b"));
        assertEquals(new CatalogueQuery.Prox(cql("a"), cql("b"), false, 0, false, 2, 3), cql("a prox/unit=sentence b"));
        assertEquals(new CatalogueQuery.Prox(cql("a"), cql("b"), false, 3, false, 6, 2), cql("a prox/distance<>3 b"));
    }

    @Test
    void pqfProxCarriesItsParametersAndPrivateUnitsAre132() {
        assertEquals(new CatalogueQuery.Prox(pqf("@attr 1=4 a"), pqf("b"), false, 3, true, 2, 2), pqf("@prox 0 3 1 2 k 2 @attr 1=4 a b"));
        assertEquals(new CatalogueQuery.Prox(pqf("a"), pqf("b"), true, 1, false, 6, 1), pqf("@prox 1 1 0 6 k 1 a b"));
        assertEquals(new CatalogueQuery.Prox(pqf("a"), pqf("b"), false, 2, false, 3, 2), pqf("@prox n 2 0 3 known word a b"));
        assertEquals(132, assertThrows(UnsupportedSearchException.class, () -> pqf("@prox 0 1 1 2 p 2 a b")).bib1Condition());
        assertEquals(108, assertThrows(UnsupportedSearchException.class, () -> pqf("@prox 0 x 1 2 k 2 a b")).bib1Condition());
        assertEquals(108, assertThrows(UnsupportedSearchException.class, () -> pqf("@prox 2 1 1 2 k 2 a b")).bib1Condition());
        assertEquals(108, assertThrows(UnsupportedSearchException.class, () -> pqf("@prox 0 1 1 2 z 2 a b")).bib1Condition());
    }

    @Test
    void pqfSetsAttributeSetsAndDiagnostics() {
        CatalogueQuery.And and = assertInstanceOf(CatalogueQuery.And.class, pqf("@and @set 1 @attr 1=4 \"pride and\""));
        assertInstanceOf(CatalogueQuery.BibIds.class, and.left());
        assertEquals("pride and", ((CatalogueQuery.Term) and.right()).text());
        assertEquals(30, assertThrows(UnsupportedSearchException.class, () -> pqf("@set nosuch")).bib1Condition());
        assertEquals(121, assertThrows(UnsupportedSearchException.class, () -> pqf("@attr gils 1=2000 x")).bib1Condition());
        assertEquals(207, assertThrows(UnsupportedSearchException.class, () -> pqf("@attr 7=1 x")).bib1Condition());
        assertEquals(113, assertThrows(UnsupportedSearchException.class, () -> pqf("@attr 9=1 x")).bib1Condition());
        assertEquals(108, assertThrows(UnsupportedSearchException.class, () -> pqf("@and x")).bib1Condition());
        assertInstanceOf(RpnNode.Op.class, PqfParser.parse("@or a b").rpn());
    }

    @Test
    void cqlBackslashEscapesQuotesAndMaskingCharacters() {
        CatalogueQuery.Term quote = assertInstanceOf(CatalogueQuery.Term.class, cql("dc.title=\"say \\\"hi\\\"\""));
        assertEquals("say \"hi\"", quote.text());
        CatalogueQuery.Term star = assertInstanceOf(CatalogueQuery.Term.class, cql("dc.title=\"pr\\*de\""));
        assertEquals("pr*de", star.text());
        assertEquals(100, star.attributes().truncation());
        CatalogueQuery.Term question = assertInstanceOf(CatalogueQuery.Term.class, cql("dc.title=why\\?*"));
        assertEquals("why?", question.text());
        assertEquals(1, question.attributes().truncation());
        CatalogueQuery.Term caret = assertInstanceOf(CatalogueQuery.Term.class, cql("dc.title=\\^pride"));
        assertEquals("^pride", caret.text());
        assertEquals(0, caret.attributes().position());
        CatalogueQuery.Term backslash = assertInstanceOf(CatalogueQuery.Term.class, cql("dc.title=\"a\\\\\""));
        assertEquals("a\\", backslash.text());
        CatalogueQuery.Term mixed = assertInstanceOf(CatalogueQuery.Term.class, cql("dc.title=a\\*b*c"));
        assertEquals(104, mixed.attributes().truncation());
        assertEquals("a*b?c", mixed.text());
    }

    @Test
    void pqfBackslashEscapesInsideQuotesAndIsVerbatimInWords() {
        assertEquals("say \"hi\"", ((CatalogueQuery.Term) pqf("@attr 1=4 \"say \\\"hi\\\"\"")).text());
        assertEquals("a\\b", ((CatalogueQuery.Term) pqf("@attr 1=4 \"a\\\\b\"")).text());
        assertEquals("pr*de", ((CatalogueQuery.Term) pqf("@attr 1=4 \"pr\\*de\"")).text());
        assertEquals("a\\b", ((CatalogueQuery.Term) pqf("@attr 1=4 a\\b")).text());
        assertEquals(108, assertThrows(UnsupportedSearchException.class, () -> pqf("@attr 1=4 \"open\\\"")).bib1Condition());
    }
}
