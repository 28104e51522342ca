package org.stackbridge.z3950.pdu;

import java.util.List;

/**
 * RPNStructure ::= CHOICE { op [0] Operand, rpnRpnOp [1] IMPLICIT SEQUENCE { rpn1, rpn2, op Operator } };
 * Operand ::= CHOICE { attrTerm AttributesPlusTerm, resultSet ResultSetId, resultAttr ... }.
 */
public sealed interface RpnNode {

    /** AttributesPlusTerm ::= [102] IMPLICIT SEQUENCE { attributes [44] AttributeList, term Term }. */
    record AttributesPlusTerm(List<AttributeElement> attributes, Term term) implements RpnNode {
        public AttributesPlusTerm {
            attributes = List.copyOf(attributes);
        }
    }

    /** ResultSetId ::= [31] IMPLICIT InternationalString. */
    record ResultSetRef(String name) implements RpnNode {
    }

    /** Operator: 0 and, 1 or, 2 and-not, 3 prox (prox is answered with a diagnostic). */
    record Op(int operator, RpnNode left, RpnNode right) implements RpnNode {
        public static final int AND = 0, OR = 1, AND_NOT = 2, PROX = 3;
    }

    /** Term ::= CHOICE { general [45], numeric [215], characterString [216], ... }; {@code kind} is the tag. */
    record Term(int kind, String text, long numeric) {
        public static final int GENERAL = 45, NUMERIC = 215, CHARACTER_STRING = 216;

        public static Term general(String text) {
            return new Term(GENERAL, text, 0);
        }

        public String asText() {
            return kind == NUMERIC ? Long.toString(numeric) : text;
        }
    }
}
