package org.stackbridge.z3950.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.AttributeElement;
import org.stackbridge.z3950.pdu.RpnNode;

/**
 * CQL (Contextual Query Language 1.2) to the same RPN tree Z39.50 uses, with the Bib-1 mapping of YAZ's
 * cql2pqf.properties (dc, bath, rec, cql context sets). Errors are {@link UnsupportedSearchException}s
 * carrying a Bib-1 code: 108 syntax, 114 unknown index, 121 unknown context set, 117 relation, 110 boolean.
 */
public final class CqlParser {

    /** The query tree and the sort keys of a trailing {@code sortby} clause. */
    public record Cql(RpnNode rpn, List<SortKey> sortKeys) {
        public Cql {
            sortKeys = List.copyOf(sortKeys);
        }
    }

    private static final Map<String, Integer> INDEXES = new HashMap<>();

    static {
        Object[][] m = {
            {"cql.serverchoice", 1016}, {"cql.anywhere", 1016}, {"cql.keywords", 1016}, {"rec.id", 12},
            {"dc.title", 4}, {"dc.subject", 21}, {"dc.creator", 1003}, {"dc.author", 1003}, {"dc.editor", 1020},
            {"dc.publisher", 1018}, {"dc.date", 30}, {"dc.resourceidentifier", 12}, {"dc.identifier", 1007},
            {"dc.language", 54}, {"bath.isbn", 7}, {"bath.issn", 8}, {"bath.lccn", 9}, {"bath.name", 1003},
            {"bath.subject", 21}, {"bath.title", 4}, {"bath.keytitle", 33}, {"bath.possessinginstitution", 1044},
            {"bath.personalname", 1}, {"bath.corporatename", 2}, {"bath.conferencename", 3}, {"bath.uniformtitle", 6},
            {"bath.topicalsubject", 1079}, {"bath.standardidentifier", 1007},
        };
        for (Object[] e : m) {
            INDEXES.put((String) e[0], (Integer) e[1]);
        }
    }

    private static final int MAX_DEPTH = 48;
    private final List<String> tokens = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private int pos;

    private CqlParser(String q) {
        for (QueryTokenizer.Token t : QueryTokenizer.tokenize(q, QueryTokenizer.Grammar.CQL)) {
            tokens.add(t.text());
            quoted.add(t.quoted());
        }
    }

    public static Cql parse(String query) {
        if (query == null || query.isBlank()) {
            throw syntax("empty query");
        }
        CqlParser p = new CqlParser(query);
        RpnNode n = p.scoped(0);
        List<SortKey> sort = new ArrayList<>();
        if (p.peekWord("sortby")) {
            p.pos++;
            while (p.pos < p.tokens.size()) {
                String idx = p.next();
                boolean desc = false;
                while (p.peek("/")) {
                    p.pos++;
                    String mod = p.next().toLowerCase(Locale.ROOT);
                    desc |= mod.equals("sort.descending") || mod.equals("descending");
                }
                sort.add(new SortKey(useOf(idx), desc));
            }
        }
        if (p.pos != p.tokens.size()) {
            throw syntax("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return new Cql(n, sort);
    }

    /** scopedClause: searchClause (boolean searchClause)*, left-associative. */
    private RpnNode scoped(int depth) {
        if (depth > MAX_DEPTH) {
            throw syntax("query nested too deeply");
        }
        RpnNode left = clause(depth);
        while (pos < tokens.size() && !peek(")") && !peekWord("sortby")) {
            String b = next().toLowerCase(Locale.ROOT);
            int op = switch (b) {
                case "and" -> RpnNode.Op.AND;
                case "or" -> RpnNode.Op.OR;
                case "not" -> RpnNode.Op.AND_NOT;
                case "prox" -> RpnNode.Op.PROX;
                default -> throw syntax("boolean operator expected, found '" + b + "'");
            };
            List<String[]> mods = new ArrayList<>();
            while (peek("/")) {
                pos++;
                String name = next().toLowerCase(Locale.ROOT);
                mods.add(pos < tokens.size() && !quoted.get(pos) && isComparator(tokens.get(pos))
                        ? new String[] {name, next(), next()} : new String[] {name});
            }
            RpnNode.Proximity prox = op == RpnNode.Op.PROX ? proximity(mods) : null;
            left = new RpnNode.Op(op, left, clause(depth), prox);
        }
        return left;
    }

    private RpnNode clause(int depth) {
        if (peek("(")) {
            pos++;
            RpnNode n = scoped(depth + 1);
            if (!peek(")")) {
                throw syntax("missing )");
            }
            pos++;
            return n;
        }
        String first = termToken();
        boolean firstQuoted = quoted.get(pos - 1);
        if (!firstQuoted && pos < tokens.size() && isRelation(tokens.get(pos)) && !quoted.get(pos)) {
            String rel = next().toLowerCase(Locale.ROOT);
            List<String> mods = new ArrayList<>();
            while (peek("/")) {
                pos++;
                mods.add(next().toLowerCase(Locale.ROOT));
            }
            return term(first, rel, mods, termToken());
        }
        return term("cql.serverChoice", "=", List.of(), first);
    }

    private RpnNode term(String index, String rel, List<String> mods, String term) {
        List<AttributeElement> a = new ArrayList<>();
        String lower = index.toLowerCase(Locale.ROOT);
        if (lower.equals("cql.allrecords")) {
            a.add(AttributeElement.of(1, 1016));
            a.add(AttributeElement.of(2, 103));
            return new RpnNode.AttributesPlusTerm(a, RpnNode.Term.general(""));
        }
        a.add(AttributeElement.of(1, useOf(index)));
        int structure;
        switch (rel) {
            case "=", "adj", "scr" -> structure = term.strip().contains(" ") ? 1 : 2;
            case "==", "exact" -> structure = 108;
            case "all" -> structure = 6;
            case "any" -> structure = 105;
            case "<", ">", "<=", ">=", "<>" -> structure = 2;
            default -> throw new UnsupportedSearchException(117, rel, "Unsupported relation");
        }
        int relation = switch (rel) {
            case "<" -> 1;
            case "<=" -> 2;
            case ">=" -> 4;
            case ">" -> 5;
            case "<>" -> 6;
            default -> 3;
        };
        for (String m : mods) {
            if (m.equals("relevant")) {
                relation = 102;
            } else if (!m.equals("ignorecase") && !m.equals("string") && !m.equals("word") && !m.equals("masked")) {
                throw new UnsupportedSearchException(117, rel + "/" + m, "Unsupported relation modifier");
            }
        }
        a.add(AttributeElement.of(2, relation));
        List<QueryTokenizer.TermChar> t = QueryTokenizer.unescape(term);
        boolean anchored = !t.isEmpty() && t.get(0).is('^');
        if (anchored) {
            t = t.subList(1, t.size());
            a.add(AttributeElement.of(3, 1));
        }
        if (!t.isEmpty() && t.get(t.size() - 1).is('^')) {
            t = t.subList(0, t.size() - 1);
        }
        a.add(AttributeElement.of(4, structure));
        boolean left = !t.isEmpty() && t.get(0).is('*');
        boolean right = !t.isEmpty() && t.get(t.size() - 1).is('*');
        List<QueryTokenizer.TermChar> inner = t.subList(left ? 1 : 0, Math.max(left ? 1 : 0, t.size() - (right ? 1 : 0)));
        int trunc;
        StringBuilder text = new StringBuilder();
        if (inner.stream().noneMatch(ch -> ch.is('*') || ch.is('?'))) {
            trunc = left && right ? 3 : left ? 2 : right ? 1 : 100;
            inner.forEach(ch -> text.append(ch.c()));
        } else {
            // Z39.58 masking: '?' any number of characters, '#' one character; escaped characters stay literal
            trunc = 104;
            t.forEach(ch -> text.append(ch.is('?') ? '#' : ch.is('*') ? '?' : ch.c()));
        }
        a.add(AttributeElement.of(5, trunc));
        a.add(AttributeElement.of(6, 1));
        return new RpnNode.AttributesPlusTerm(a, RpnNode.Term.general(text.toString()));
    }

    /**
     * The prox modifiers as YAZ maps them: {@code unit=word|sentence|paragraph|element} (default word),
     * {@code distance} with a comparator (default {@code <=1} for words, {@code <=0} otherwise), {@code ordered} or
     * {@code unordered} (default).
     */
    private static RpnNode.Proximity proximity(List<String[]> mods) {
        int unit = 2;
        int distance = -1;
        int relation = 2;
        boolean ordered = false;
        for (String[] m : mods) {
            switch (m[0]) {
                case "unit", "prox.unit" -> {
                    String u = m.length == 3 && m[1].equals("=") ? m[2].toLowerCase(Locale.ROOT) : "";
                    unit = switch (u) {
                        case "word" -> 2;
                        case "sentence" -> 3;
                        case "paragraph" -> 4;
                        case "element" -> 8;
                        default -> throw new UnsupportedSearchException(132, u, "Unsupported proximity unit code");
                    };
                }
                case "distance", "prox.distance" -> {
                    if (m.length != 3) {
                        throw syntax("prox/distance needs a comparator and a number");
                    }
                    relation = switch (m[1]) {
                        case "<" -> 1;
                        case "<=" -> 2;
                        case "=" -> 3;
                        case ">=" -> 4;
                        case ">" -> 5;
                        case "<>" -> 6;
                        default -> throw new UnsupportedSearchException(117, m[1], "Unsupported relation");
                    };
                    try {
                        distance = Integer.parseInt(m[2]);
                    } catch (NumberFormatException e) {
                        throw syntax("prox/distance must be a number, found '" + m[2] + "'");
                    }
                }
                case "ordered", "prox.ordered" -> ordered = true;
                case "unordered", "prox.unordered" -> ordered = false;
                default -> throw new UnsupportedSearchException(110, "prox/" + m[0], "Unsupported boolean modifier");
            }
        }
        return new RpnNode.Proximity(false, distance >= 0 ? distance : unit == 2 ? 1 : 0, ordered, relation, true, unit);
    }

    private static boolean isComparator(String t) {
        return switch (t) {
            case "=", "==", "<>", "<", ">", "<=", ">=" -> true;
            default -> false;
        };
    }

    private static int useOf(String index) {
        String lower = index.toLowerCase(Locale.ROOT);
        if (!lower.contains(".")) {
            Integer dc = INDEXES.get("dc." + lower);
            if (dc != null) {
                return dc;
            }
            Integer bath = INDEXES.get("bath." + lower);
            if (bath != null) {
                return bath;
            }
            if (lower.equals("any") || lower.equals("serverchoice")) {
                return 1016;
            }
            throw new UnsupportedSearchException(114, index, "Unsupported index");
        }
        Integer use = INDEXES.get(lower);
        if (use == null) {
            String set = lower.substring(0, lower.indexOf('.'));
            if (!List.of("dc", "bath", "rec", "cql").contains(set)) {
                throw new UnsupportedSearchException(121, set, "Unsupported context set");
            }
            throw new UnsupportedSearchException(114, index, "Unsupported index");
        }
        return use;
    }

    private static boolean isRelation(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "=", "==", "<>", "<", ">", "<=", ">=", "adj", "all", "any", "exact", "within", "encloses", "scr" -> true;
            default -> false;
        };
    }

    private boolean peek(String s) {
        return pos < tokens.size() && !quoted.get(pos) && tokens.get(pos).equals(s);
    }

    private boolean peekWord(String s) {
        return pos < tokens.size() && !quoted.get(pos) && tokens.get(pos).equalsIgnoreCase(s);
    }

    /** A search term or index name: a quoted string or a word that is not a parenthesis or '/'. */
    private String termToken() {
        String t = next();
        if (!quoted.get(pos - 1) && (t.equals("(") || t.equals(")") || t.equals("/"))) {
            throw syntax("search term expected, found '" + t + "'");
        }
        return t;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw syntax("query ends early");
        }
        return tokens.get(pos++);
    }

    private static UnsupportedSearchException syntax(String why) {
        return new UnsupportedSearchException(108, why, "Query syntax error");
    }
}
