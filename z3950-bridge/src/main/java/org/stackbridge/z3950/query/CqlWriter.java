package org.stackbridge.z3950.query;

import java.util.Map;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.AttributeElement;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;

/**
 * A Bib-1 RPN tree as CQL, for forwarding a Z39.50 query to SRU targets. Use attributes become the context-set
 * indexes most SRU servers know (dc, bath, cql); relation, structure (phrase/exact) and truncation become CQL
 * relations and masks. What has no CQL form raises {@link UnsupportedSearchException}.
 */
public final class CqlWriter {

    private static final Map<Integer, String> INDEXES = Map.ofEntries(
            Map.entry(1016, "cql.serverChoice"), Map.entry(4, "dc.title"), Map.entry(1003, "dc.creator"),
            Map.entry(1004, "dc.creator"), Map.entry(1, "dc.creator"), Map.entry(21, "dc.subject"), Map.entry(7, "bath.isbn"),
            Map.entry(8, "bath.issn"), Map.entry(9, "bath.lccn"), Map.entry(12, "rec.id"), Map.entry(1018, "dc.publisher"),
            Map.entry(30, "dc.date"), Map.entry(31, "dc.date"), Map.entry(54, "dc.language"), Map.entry(1007, "dc.identifier"),
            Map.entry(1020, "dc.editor"), Map.entry(33, "bath.keyTitle"), Map.entry(6, "bath.uniformTitle"),
            Map.entry(2, "bath.corporateName"), Map.entry(3, "bath.conferenceName"), Map.entry(1079, "bath.topicalSubject"),
            Map.entry(1044, "bath.possessingInstitution"));

    private CqlWriter() {
    }

    public static String write(String attributeSet, RpnNode rpn) {
        if (attributeSet != null && !Oids.BIB1_ATTRIBUTES.equals(attributeSet)) {
            throw new UnsupportedSearchException(121, attributeSet, "Unsupported attribute set");
        }
        StringBuilder b = new StringBuilder();
        node(b, rpn);
        return b.toString();
    }

    private static void node(StringBuilder b, RpnNode n) {
        if (n instanceof RpnNode.Op op) {
            String bool = switch (op.operator()) {
                case RpnNode.Op.AND -> " and ";
                case RpnNode.Op.OR -> " or ";
                case RpnNode.Op.AND_NOT -> " not ";
                default -> throw new UnsupportedSearchException(110, "prox", "Operator unsupported");
            };
            b.append('(');
            node(b, op.left());
            b.append(')').append(bool).append('(');
            node(b, op.right());
            b.append(')');
        } else if (n instanceof RpnNode.ResultSetRef ref) {
            throw new UnsupportedSearchException(18, ref.name(), "Result set not supported as a search term");
        } else if (n instanceof RpnNode.AttributesPlusTerm apt) {
            term(b, apt);
        }
    }

    private static void term(StringBuilder b, RpnNode.AttributesPlusTerm apt) {
        long use = 1016, relation = 3, structure = 0, truncation = 100, position = 3;
        for (AttributeElement a : apt.attributes()) {
            if (a.isComplex() || (a.attributeSet() != null && !Oids.BIB1_ATTRIBUTES.equals(a.attributeSet()))) {
                throw new UnsupportedSearchException(113, Integer.toString(a.type()), "Unsupported attribute type");
            }
            switch (a.type()) {
                case 1 -> use = a.value();
                case 2 -> relation = a.value();
                case 3 -> position = a.value();
                case 4 -> structure = a.value();
                case 5 -> truncation = a.value();
                case 6 -> { }
                default -> throw new UnsupportedSearchException(113, Integer.toString(a.type()), "Unsupported attribute type");
            }
        }
        String index = INDEXES.get((int) use);
        if (index == null) {
            throw new UnsupportedSearchException(114, Long.toString(use), "Unsupported Use attribute");
        }
        String rel = switch ((int) relation) {
            case 1 -> "<";
            case 2 -> "<=";
            case 3, 102 -> structure == 108 || structure == 3 ? "==" : "=";
            case 4 -> ">=";
            case 5 -> ">";
            case 6 -> "<>";
            default -> throw new UnsupportedSearchException(117, Long.toString(relation), "Unsupported Relation attribute");
        };
        if (structure == 6) {
            rel = "all";
        } else if (structure == 105) {
            rel = "any";
        }
        String text = apt.term().asText();
        StringBuilder t = new StringBuilder();
        if (position == 1 || position == 2) {
            t.append('^');
        }
        if (truncation == 2 || truncation == 3) {
            t.append('*');
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (truncation == 101 && c == '#') {
                t.append('?');
            } else if (truncation == 104 && (c == '?' || c == '#')) {
                t.append(c == '?' ? '*' : '?');
            } else {
                if (c == '"' || c == '\\' || c == '*' || c == '?' || c == '^') {
                    t.append('\\');
                }
                t.append(c);
            }
        }
        if (truncation == 1 || truncation == 3) {
            t.append('*');
        } else if (truncation != 100 && truncation != 2 && truncation != 101 && truncation != 104) {
            throw new UnsupportedSearchException(120, Long.toString(truncation), "Unsupported Truncation attribute");
        }
        b.append(index).append(' ').append(rel).append(" \"").append(t).append('"');
    }
}
