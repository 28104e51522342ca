package org.stackbridge.z3950.query;

import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.catalogue.UnsupportedSearchException;

/**
 * The tokenizer of {@link PqfParser} and {@link CqlParser}: whitespace-separated words and double-quoted
 * strings, plus the punctuation of the grammar. What a backslash means is the grammar's choice:
 * <ul>
 *   <li>{@link Grammar#PQF} (YAZ prefix query format): inside a quoted string a backslash escapes the next character
 *       and is dropped ({@code "say \"hi\""} is {@code say "hi"}, {@code "a\\b"} is {@code a\b}); words are taken
 *       verbatim;</li>
 *   <li>{@link Grammar#CQL} (CQL 1.2): inside a quoted string {@code \"} does not end the string, and every escape is
 *       kept in the token, because the term parser still needs to tell the masking characters {@code * ? ^} from
 *       their escaped, literal forms {@code \* \? \^} (see {@link #unescape(String)}).</li>
 * </ul>
 * Errors are Bib-1 108 (malformed query), with the grammar's message.
 */
final class QueryTokenizer {

    /** At most this many tokens per query. */
    static final int MAX_TOKENS = 4096;

    /** One token; {@code quoted} tokens are never operators or punctuation. */
    record Token(String text, boolean quoted) {
    }

    enum Grammar {
        PQF("Malformed query", false, ""),
        CQL("Query syntax error", true, "()/=<>\"");

        private final String message;
        private final boolean keepEscapes;
        /** Characters that end a word; in CQL each of {@code ( ) /} is a token, and {@code = < >} form relations. */
        private final String wordEnd;

        Grammar(String message, boolean keepEscapes, String wordEnd) {
            this.message = message;
            this.keepEscapes = keepEscapes;
            this.wordEnd = wordEnd;
        }

        UnsupportedSearchException error(String why) {
            return new UnsupportedSearchException(108, why, message);
        }
    }

    private QueryTokenizer() {
    }

    static List<Token> tokenize(String s, Grammar g) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int st = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        if (g.keepEscapes) {
                            b.append('\\');
                        }
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                if (i >= s.length()) {
                    throw g.error("unterminated quote");
                }
                i++;
                add(out, new Token(b.toString(), true), g);
            } else if (g == Grammar.CQL && (c == '(' || c == ')' || c == '/')) {
                i++;
                add(out, new Token(String.valueOf(c), false), g);
            } else if (g == Grammar.CQL && (c == '=' || c == '<' || c == '>')) {
                i++;
                if (i < s.length() && (s.charAt(i) == '=' || (c == '<' && s.charAt(i) == '>'))) {
                    i++;
                }
                add(out, new Token(s.substring(st, i), false), g);
            } else {
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && g.wordEnd.indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                add(out, new Token(s.substring(st, i), false), g);
            }
        }
        return out;
    }

    private static void add(List<Token> out, Token t, Grammar g) {
        if (out.size() >= MAX_TOKENS) {
            throw g.error("query too long");
        }
        out.add(t);
    }

    /**
     * A CQL term as characters, each marked escaped or not: {@code \x} is the literal {@code x} (so {@code \*},
     * {@code \?}, {@code \^}, {@code \"} and {@code \\} are literal), a trailing lone backslash is literal.
     */
    static List<TermChar> unescape(String cqlTerm) {
        List<TermChar> out = new ArrayList<>(cqlTerm.length());
        for (int i = 0; i < cqlTerm.length(); i++) {
            char c = cqlTerm.charAt(i);
            if (c == '\\' && i + 1 < cqlTerm.length()) {
                out.add(new TermChar(cqlTerm.charAt(++i), true));
            } else {
                out.add(new TermChar(c, false));
            }
        }
        return out;
    }

    /** One character of a CQL term; unescaped {@code * ? ^} are masking and anchoring characters. */
    record TermChar(char c, boolean escaped) {
        boolean is(char mask) {
            return !escaped && c == mask;
        }
    }
}
