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

    /** Operator: 0 and, 1 or, 2 and-not, 3 prox ({@code proximity} holds its parameters; null for the others). */
    record Op(int operator, RpnNode left, RpnNode right, Proximity proximity) implements RpnNode {
        public static final int AND = 0, OR = 1, AND_NOT = 2, PROX = 3;

        public Op(int operator, RpnNode left, RpnNode right) {
            this(operator, left, right, null);
        }
    }

    /**
     * ProximityOperator ::= SEQUENCE { exclusion [1] IMPLICIT BOOLEAN OPTIONAL, distance [2] IMPLICIT INTEGER,
     * ordered [3] IMPLICIT BOOLEAN, relationType [4] IMPLICIT INTEGER, proximityUnitCode [5] CHOICE {
     * known [1] IMPLICIT KnownProximityUnit, private [2] IMPLICIT INTEGER } }; {@code known} tells which choice.
     */
    record Proximity(boolean exclusion, int distance, boolean ordered, int relation, boolean known, int unit) {
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
