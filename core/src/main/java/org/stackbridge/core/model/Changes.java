package org.stackbridge.core.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The before and after values of what a command changed, written into an event's detail so the history shows them.
 * Any desk can use it: collect the fields with {@link #field} (unchanged values are left out), then log
 * {@link #detail(String)}. The written form is one line:
 * <pre>summary text {name: "Ann Smith" -&gt; "Ann Jones"; email: null -&gt; "ann@example.org"}</pre>
 * Values are double-quoted with {@code \"}, {@code \\} and {@code \n} escaped, or {@code null}. {@link #parse} reads
 * it back; a detail without a well-formed change block is all summary. Secrets (PINs, passwords) are never put in.
 */
public final class Changes implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String ARROW = " -> ";

    /** One changed field: its name (snake_case, as the API names it) and its values before and after (null: none). */
    public record Change(String field, String before, String after) implements Serializable {
        public Change {
            Objects.requireNonNull(field, "field");
        }
    }

    /** An event detail read back: the free text and the changes (empty when it records none). */
    public record Parsed(String summary, List<Change> changes) implements Serializable {
        public Parsed {
            changes = List.copyOf(changes);
        }
    }

    private final List<Change> changes = new ArrayList<>();

    /** Records {@code field} when {@code before} and {@code after} differ (compared as text); returns this. */
    public Changes field(String field, Object before, Object after) {
        String b = before == null ? null : before.toString();
        String a = after == null ? null : after.toString();
        if (!Objects.equals(b, a)) {
            changes.add(new Change(field, b, a));
        }
        return this;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /** The event detail: {@code summary} (may be empty) followed by the change block when anything changed. */
    public String detail(String summary) {
        String text = summary == null ? "" : summary;
        if (changes.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        if (!text.isEmpty()) {
            sb.append(' ');
        }
        sb.append('{');
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(c.field()).append(": ").append(quote(c.before())).append(ARROW).append(quote(c.after()));
        }
        return sb.append('}').toString();
    }

    /** Reads a detail written by {@link #detail}; any other text comes back as the summary with no changes. */
    public static Parsed parse(String detail) {
        if (detail == null) {
            return new Parsed("", List.of());
        }
        if (!detail.endsWith("}")) {
            return new Parsed(detail, List.of());
        }
        // the block starts at the last '{' outside a quoted value: scan forwards, tracking quotes
        int start = -1;
        boolean quoted = false;
        for (int i = 0; i < detail.length(); i++) {
            char ch = detail.charAt(i);
            if (quoted && ch == '\\') {
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == '{') {
                start = i;
            }
        }
        if (start < 0) {
            return new Parsed(detail, List.of());
        }
        Optional<List<Change>> block = block(detail, start + 1, detail.length() - 1);
        if (block.isEmpty()) {
            return new Parsed(detail, List.of());
        }
        return new Parsed(detail.substring(0, start).stripTrailing(), block.get());
    }

    private static Optional<List<Change>> block(String s, int from, int to) {
        List<Change> out = new ArrayList<>();
        int[] pos = {from};
        while (pos[0] < to) {
            int colon = s.indexOf(": ", pos[0]);
            if (colon < 0 || colon >= to) {
                return Optional.empty();
            }
            String field = s.substring(pos[0], colon);
            if (field.isEmpty() || field.chars().anyMatch(c -> !(Character.isLetterOrDigit(c) || c == '_' || c == '.'))) {
                return Optional.empty();
            }
            pos[0] = colon + 2;
            Optional<String[]> before = value(s, pos, to);
            if (before.isEmpty() || !s.startsWith(ARROW, pos[0])) {
                return Optional.empty();
            }
            pos[0] += ARROW.length();
            Optional<String[]> after = value(s, pos, to);
            if (after.isEmpty()) {
                return Optional.empty();
            }
            out.add(new Change(field, before.get()[0], after.get()[0]));
            if (pos[0] < to) {
                if (!s.startsWith("; ", pos[0])) {
                    return Optional.empty();
                }
                pos[0] += 2;
            }
        }
        return Optional.of(out);
    }

    /** A quoted value or {@code null} at pos[0]; advances pos. The one-element array holds the value (null for null). */
    private static Optional<String[]> value(String s, int[] pos, int to) {
        if (s.startsWith("null", pos[0])) {
            pos[0] += 4;
            return Optional.of(new String[] {null});
        }
        if (pos[0] >= to || s.charAt(pos[0]) != '"') {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = pos[0] + 1; i < to; i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < to) {
                char next = s.charAt(++i);
                sb.append(next == 'n' ? '\n' : next);
            } else if (ch == '"') {
                pos[0] = i + 1;
                return Optional.of(new String[] {sb.toString()});
            } else {
                sb.append(ch);
            }
        }
        return Optional.empty();
    }

    private static String quote(String v) {
        if (v == null) {
            return "null";
        }
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
