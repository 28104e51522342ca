package org.stackbridge.z3950.query;

import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.AttributeElement;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;

/**
 * Prefix Query Format (YAZ PQF) to an RPN tree: {@code @and @or @not @prox @set @attr [set] type=value
 * @attrset set}, terms bare or in double quotes with backslash escapes. Malformed input raises
 * {@link UnsupportedSearchException} with Bib-1 108 (malformed query), unknown sets 121.
 */
public final class PqfParser {

    /** A parsed query: the query-level attribute set OID and the tree. */
    public record Pqf(String attributeSet, RpnNode rpn) {
    }

    private static final int MAX_DEPTH = 48;
    private final List<String> tokens;
    private final List<Boolean> quoted;
    private int pos;

    private PqfParser(String text) {
        tokens = new ArrayList<>();
        quoted = new ArrayList<>();
        for (QueryTokenizer.Token t : QueryTokenizer.tokenize(text, QueryTokenizer.Grammar.PQF)) {
            tokens.add(t.text());
            quoted.add(t.quoted());
        }
    }

    public static Pqf parse(String text) {
        PqfParser p = new PqfParser(text);
        String set = Oids.BIB1_ATTRIBUTES;
        if (p.peekIs("@attrset")) {
            p.pos++;
            set = p.set(p.next());
        }
        RpnNode n = p.node(0);
        if (p.pos != p.tokens.size()) {
            throw malformed("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return new Pqf(set, n);
    }

    private RpnNode node(int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("query nested too deeply");
        }
        String t = next();
        boolean op = !quoted.get(pos - 1);
        if (op) {
            switch (t) {
                case "@and":
                    return new RpnNode.Op(RpnNode.Op.AND, node(depth + 1), node(depth + 1));
                case "@or":
                    return new RpnNode.Op(RpnNode.Op.OR, node(depth + 1), node(depth + 1));
                case "@not":
                    return new RpnNode.Op(RpnNode.Op.AND_NOT, node(depth + 1), node(depth + 1));
                case "@prox":
                    for (int i = 0; i < 6; i++) {
                        next();
                    }
                    return new RpnNode.Op(RpnNode.Op.PROX, node(depth + 1), node(depth + 1));
                case "@set":
                    return new RpnNode.ResultSetRef(next());
                case "@attr": {
                    pos--;
                    List<AttributeElement> attrs = new ArrayList<>();
                    while (peekIs("@attr")) {
                        pos++;
                        String a = next();
                        String elementSet = null;
                        if (!a.contains("=")) {
                            elementSet = set(a);
                            a = next();
                        }
                        int eq = a.indexOf('=');
                        if (eq < 1) {
                            throw malformed("bad attribute '" + a + "'");
                        }
                        try {
                            int type = Integer.parseInt(a.substring(0, eq));
                            String value = a.substring(eq + 1);
                            attrs.add(value.matches("-?[0-9]+") ? new AttributeElement(elementSet, type, Long.parseLong(value), null)
                                    : new AttributeElement(elementSet, type, 0, value));
                        } catch (NumberFormatException e) {
                            throw malformed("bad attribute '" + a + "'");
                        }
                    }
                    String term = next();
                    return new RpnNode.AttributesPlusTerm(attrs, RpnNode.Term.general(term));
                }
                default:
                    if (t.startsWith("@") && !t.equals("@")) {
                        throw malformed("unknown operator " + t);
                    }
            }
        }
        return new RpnNode.AttributesPlusTerm(List.of(), RpnNode.Term.general(t));
    }

    private String set(String name) {
        return Oids.attributeSet(name).orElseThrow(() -> new UnsupportedSearchException(121, name, "Unsupported attribute set"));
    }

    private boolean peekIs(String s) {
        return pos < tokens.size() && !quoted.get(pos) && tokens.get(pos).equals(s);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw malformed("query ends early");
        }
        return tokens.get(pos++);
    }

    private static UnsupportedSearchException malformed(String why) {
        return new UnsupportedSearchException(108, why, "Malformed query");
    }
}
