package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.AttributeElement;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;
import org.stackbridge.z3950.query.CqlParser;
import org.stackbridge.z3950.query.CqlWriter;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.z3950.query.PqfWriter;
import org.stackbridge.z3950.query.Z3950QueryMapper;

/** PQF and CQL written from RPN trees (the virtual database forwards queries with them). */
@Timeout(30)
class QueryWritersTest {

    private static final String[] WORDS = {"pride", "a \"quoted\" word", "back\\slash", "@and", "", "Ünïcødé", "x y z"};

    private static RpnNode random(Random r, int depth) {
        if (depth > 3 || r.nextInt(3) == 0) {
            List<AttributeElement> attrs = new ArrayList<>();
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                String set = r.nextInt(5) == 0 ? Oids.BIB1_ATTRIBUTES : null;
                attrs.add(r.nextInt(8) == 0 ? new AttributeElement(set, 1, 0, "title") : new AttributeElement(set, 1 + r.nextInt(6), r.nextInt(1100), null));
            }
            return new RpnNode.AttributesPlusTerm(attrs, RpnNode.Term.general(WORDS[r.nextInt(WORDS.length)]));
        }
        return new RpnNode.Op(r.nextInt(3), random(r, depth + 1), random(r, depth + 1));
    }

    @Test
    void pqfRoundTripsRandomTrees() {
        Random r = new Random(20261129L);
        for (int i = 0; i < 500; i++) {
            RpnNode tree = random(r, 0);
            String set = i % 7 == 0 ? "1.2.840.10003.3.5" : Oids.BIB1_ATTRIBUTES;
            String pqf = PqfWriter.write(set, tree);
            PqfParser.Pqf back = PqfParser.parse(pqf);
            assertEquals(tree, back.rpn(), pqf);
            assertEquals(set, back.attributeSet(), pqf);
        }
    }

    @Test
    void pqfRefusesWhatCannotBeForwarded() {
        assertEquals(18, assertThrows(UnsupportedSearchException.class,
                () -> PqfWriter.write(null, PqfParser.parse("@and @set 1 @attr 1=4 x").rpn())).bib1Condition());
        assertEquals(110, assertThrows(UnsupportedSearchException.class,
                () -> PqfWriter.write(null, new RpnNode.Op(RpnNode.Op.PROX, new RpnNode.AttributesPlusTerm(List.of(), RpnNode.Term.general("a")),
                        new RpnNode.AttributesPlusTerm(List.of(), RpnNode.Term.general("b"))))).bib1Condition());
    }

    private static CatalogueQuery viaCql(String pqf) {
        PqfParser.Pqf p = PqfParser.parse(pqf);
        String cql = CqlWriter.write(p.attributeSet(), p.rpn());
        return Z3950QueryMapper.map(Oids.BIB1_ATTRIBUTES, CqlParser.parse(cql).rpn(), n -> null);
    }

    private static CatalogueQuery direct(String pqf) {
        PqfParser.Pqf p = PqfParser.parse(pqf);
        return Z3950QueryMapper.map(p.attributeSet(), p.rpn(), n -> null);
    }

    @Test
    void cqlKeepsIndexBooleansTruncationAndRelations() {
        assertEquals("(dc.title = \"pride\") and (dc.creator = \"austen*\")",
                CqlWriter.write(null, PqfParser.parse("@and @attr 1=4 pride @attr 1=1003 @attr 5=1 austen").rpn()));
        assertEquals("bath.isbn = \"0-14-\\\"x\\\\\"", CqlWriter.write(null, PqfParser.parse("@attr 1=7 \"0-14-\\\"x\\\\\"").rpn()));
        CatalogueQuery.Term date = (CatalogueQuery.Term) viaCql("@attr 1=31 @attr 2=4 2000");
        assertEquals(4, date.attributes().relation());
        assertEquals("2000", date.text());
        CatalogueQuery.Term left = (CatalogueQuery.Term) viaCql("@attr 1=4 @attr 5=2 judice");
        assertEquals(2, left.attributes().truncation());
        CatalogueQuery.Term mask = (CatalogueQuery.Term) viaCql("@attr 1=4 @attr 5=104 pr?de#x");
        assertEquals(104, mask.attributes().truncation());
        assertEquals("pr?de#x", mask.text());
        assertEquals(direct("@or @attr 1=4 emma @not @attr 1=1003 austen @attr 1=21 love").getClass(),
                viaCql("@or @attr 1=4 emma @not @attr 1=1003 austen @attr 1=21 love").getClass());
    }

    @Test
    void cqlRefusesWhatHasNoCqlForm() {
        assertEquals(114, assertThrows(UnsupportedSearchException.class,
                () -> CqlWriter.write(null, PqfParser.parse("@attr 1=9999 x").rpn())).bib1Condition());
        assertEquals(121, assertThrows(UnsupportedSearchException.class,
                () -> CqlWriter.write("1.2.840.10003.3.5", PqfParser.parse("x").rpn())).bib1Condition());
        assertEquals(18, assertThrows(UnsupportedSearchException.class,
                () -> CqlWriter.write(null, PqfParser.parse("@set 1").rpn())).bib1Condition());
    }
}
