package org.stackbridge.z3950.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
                case "@prox": {
                    RpnNode.Proximity prox = proximity();
                    return new RpnNode.Op(RpnNode.Op.PROX, node(depth + 1), node(depth + 1), prox);
                }
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

    /** {@code @prox exclusion distance ordered relation which-code unit-code}, as YAZ writes it. */
    private RpnNode.Proximity proximity() {
        String exclusion = next();
        int distance = number(next(), "proximity distance");
        int ordered = number(next(), "proximity ordered flag");
        int relation = number(next(), "proximity relation");
        String which = next().toLowerCase(Locale.ROOT);
        String unit = next().toLowerCase(Locale.ROOT);
        if (!exclusion.equals("0") && !exclusion.equals("1") && !exclusion.equals("n")) {
            throw malformed("proximity exclusion must be 0, 1 or n, found '" + exclusion + "'");
        }
        boolean known = switch (which) {
            case "k", "known" -> true;
            case "p", "private" -> false;
            default -> throw malformed("proximity unit must be k (known) or p (private), found '" + which + "'");
        };
        Integer code = UNITS.get(unit);
        return new RpnNode.Proximity(exclusion.equals("1"), distance, ordered != 0, relation, known,
                code != null ? code : number(unit, "proximity unit"));
    }

    /** Known proximity unit names YAZ accepts beside the numbers. */
    private static final Map<String, Integer> UNITS = Map.ofEntries(Map.entry("character", 1), Map.entry("word", 2),
            Map.entry("sentence", 3), Map.entry("paragraph", 4), Map.entry("section", 5), Map.entry("chapter", 6),
            Map.entry("document", 7), Map.entry("element", 8), Map.entry("subelement", 9), Map.entry("elementtype", 10),
            Map.entry("byte", 11));

    private static int number(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw malformed(what + " must be a number, found '" + s + "'");
        }
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
