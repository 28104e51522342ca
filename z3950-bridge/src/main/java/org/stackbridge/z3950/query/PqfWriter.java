package org.stackbridge.z3950.query;

import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.AttributeElement;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;

/**
 * An RPN tree back to YAZ Prefix Query Format, so a query can be forwarded to remote targets as the client sent
 * it (attribute sets, complex values and term kinds kept). {@link PqfParser} reads the output back to the same tree.
 */
public final class PqfWriter {

    private PqfWriter() {
    }

    /**
     * @throws UnsupportedSearchException 18 for a result-set operand (it names a set of this association, not of
     *                                    the remote targets), 110 for proximity
     */
    public static String write(String attributeSet, RpnNode rpn) {
        StringBuilder b = new StringBuilder();
        if (attributeSet != null && !Oids.BIB1_ATTRIBUTES.equals(attributeSet)) {
            b.append("@attrset ").append(attributeSet).append(' ');
        }
        node(b, rpn);
        return b.toString();
    }

    private static void node(StringBuilder b, RpnNode n) {
        if (n instanceof RpnNode.Op op) {
            b.append(switch (op.operator()) {
                case RpnNode.Op.AND -> "@and ";
                case RpnNode.Op.OR -> "@or ";
                case RpnNode.Op.AND_NOT -> "@not ";
                default -> throw new UnsupportedSearchException(110, "prox", "Operator unsupported");
            });
            node(b, op.left());
            b.append(' ');
            node(b, op.right());
        } else if (n instanceof RpnNode.ResultSetRef ref) {
            throw new UnsupportedSearchException(18, ref.name(), "Result set not supported as a search term");
        } else if (n instanceof RpnNode.AttributesPlusTerm apt) {
            for (AttributeElement a : apt.attributes()) {
                b.append("@attr ");
                if (a.attributeSet() != null) {
                    b.append(a.attributeSet()).append(' ');
                }
                b.append(a.type()).append('=');
                if (a.isComplex()) {
                    if (!a.complexValue().matches("[^\\s\"\\\\]+")) {
                        throw new UnsupportedSearchException(113, a.complexValue(), "Unsupported attribute type");
                    }
                    b.append(a.complexValue());
                } else {
                    b.append(a.value());
                }
                b.append(' ');
            }
            quote(b, apt.term().asText());
        }
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }
}
