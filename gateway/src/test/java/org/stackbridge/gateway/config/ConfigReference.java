package org.stackbridge.gateway.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configuration reference, derived from what the loader binds: every key of {@link GatewayConfig} and the listener
 * settings it holds (walked with Jackson's own view of the types, so the names are the kebab-case keys the loader
 * accepts), its type, its default (the value an empty file binds to), and its meaning (the comment at the key in the
 * shipped {@code conf/stackbridge.yaml}, live or commented out). Renders {@code docs/configuration.md}.
 */
final class ConfigReference {

    /** One key: {@code []} stands for any list entry, {@code <name>} for any name in a map of sections. */
    record Key(String path, String type, String defaultValue, String meaning) {
    }

    /** Defaults computed at run time, so the reference does not show this machine's value. */
    private static final Map<String, String> COMPUTED_DEFAULTS = Map.of(
            "ncip.worker-threads", "number of processors, at least 2");

    private final ObjectMapper mapper = new ConfigLoader().objectMapper();
    /** path -> node of the settings model, in declaration order. */
    private final Map<String, Node> model = new LinkedHashMap<>();

    private enum Kind { SECTION, LIST_OF_SECTIONS, MAP_OF_SECTIONS, VALUE }

    private record Node(String path, Kind kind, JavaType type, JsonNode defaults) {
    }

    ConfigReference() {
        JsonNode defaults = mapper.valueToTree(new ConfigLoader().load(null, Map.of(), List.of()).config());
        walk("", mapper.constructType(GatewayConfig.class), defaults);
    }

    private void walk(String prefix, JavaType type, JsonNode defaults) {
        BeanDescription bean = mapper.getDeserializationConfig().introspect(type);
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (!p.hasConstructorParameter() && !p.hasSetter() && !p.hasField()) {
                continue;
            }
            String path = prefix.isEmpty() ? p.getName() : prefix + "." + p.getName();
            if (ConfigValidator.REFUSED_KEYS.contains(path)) {
                continue;
            }
            JavaType t = p.getPrimaryType();
            JsonNode d = defaults == null ? MissingNode.getInstance() : defaults.path(p.getName());
            if (isSection(t)) {
                model.put(path, new Node(path, Kind.SECTION, t, d));
                walk(path, t, d);
            } else if (t.isCollectionLikeType() && isSection(t.getContentType())) {
                model.put(path, new Node(path, Kind.LIST_OF_SECTIONS, t, d));
                walk(path + "[]", t.getContentType(), emptyEntry(t.getContentType()));
            } else if (t.isMapLikeType() && isSection(t.getContentType())) {
                model.put(path, new Node(path, Kind.MAP_OF_SECTIONS, t, d));
                walk(path + ".<name>", t.getContentType(), emptyEntry(t.getContentType()));
            } else {
                model.put(path, new Node(path, Kind.VALUE, t, d));
            }
        }
    }

    private static boolean isSection(JavaType t) {
        return t.getRawClass().getName().startsWith("org.stackbridge.") && !t.isEnumType();
    }

    /** The defaults of a list entry or map value: what an empty mapping binds to (missing if it cannot bind). */
    private JsonNode emptyEntry(JavaType type) {
        try {
            return mapper.valueToTree(mapper.treeToValue(JsonNodeFactory.instance.objectNode(), type));
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    /** Every key a value can be given for, in declaration order. */
    List<String> keys() {
        return model.values().stream().filter(n -> n.kind() == Kind.VALUE).map(Node::path).toList();
    }

    List<Key> reference(ConfSample sample) {
        List<Key> keys = new ArrayList<>();
        for (Node n : model.values()) {
            if (n.kind() == Kind.VALUE) {
                keys.add(new Key(n.path(), typeName(n.type()), defaultOf(n), sample.meaning(n.path())));
            }
        }
        return keys;
    }

    private static String typeName(JavaType t) {
        Class<?> c = t.getRawClass();
        if (t.isEnumType()) {
            return "one of " + Arrays.stream(c.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (t.isCollectionLikeType()) {
            return "list of " + typeName(t.getContentType());
        }
        if (t.isMapLikeType()) {
            return "map of " + typeName(t.getKeyType()) + " to " + typeName(t.getContentType());
        }
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
            return "integer";
        }
        if (c == BigDecimal.class || c == Double.class || c == double.class) {
            return "decimal";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "true or false";
        }
        return "text";
    }

    private static String defaultOf(Node n) {
        String computed = COMPUTED_DEFAULTS.get(n.path());
        if (computed != null) {
            return computed;
        }
        JsonNode d = n.defaults();
        if (d == null || d.isMissingNode() || d.isNull()) {
            return "";
        }
        if (d.isArray() && d.isEmpty()) {
            return "`[]`";
        }
        if (d.isObject() && d.isEmpty()) {
            return "`{}`";
        }
        if (d.isBigDecimal() || d.isDouble()) {
            return "`" + d.decimalValue().toPlainString() + "`";
        }
        if (d.isTextual()) {
            return d.asText().isEmpty() ? "`\"\"`" : "`" + d.asText() + "`";
        }
        if (d.isArray()) {
            List<String> items = new ArrayList<>();
            d.forEach(e -> items.add(e.asText()));
            return "`[" + String.join(", ", items) + "]`";
        }
        if (d.isObject()) {
            List<String> items = new ArrayList<>();
            d.properties().forEach(e -> items.add(e.getKey() + ": " + e.getValue().asText()));
            return "`{" + String.join(", ", items) + "}`";
        }
        return "`" + d.asText() + "`";
    }

    /** {@code docs/configuration.md}. */
    String markdown(ConfSample sample) {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("Every key of `conf/stackbridge.yaml`, with its type, its default (what an empty file gives) and its meaning.\n");
        md.append("`[]` stands for any entry of a list, `<name>` for any name in a map of sections. Keys are kebab-case;\n");
        md.append("`STACKBRIDGE_...` environment variables and `--set key=value` flags override the file (see the file's header).\n\n");
        md.append("Generated from the settings types and the comments in `conf/stackbridge.yaml` by `ConfigReferenceTest`\n");
        md.append("(gateway tests), which fails when this page, the types or the shipped file disagree. After changing a setting,\n");
        md.append("document it in `conf/stackbridge.yaml` and regenerate this page:\n\n");
        md.append("```sh\nSTACKBRIDGE_WRITE_CONFIG_REFERENCE=1 ./mvnw -B -pl gateway -am test -Dtest=ConfigReferenceTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false\n```\n");
        String section = null;
        List<Key> keys = new ArrayList<>(reference(sample));
        // the top-level values first, under one heading; then each section in the order the types declare them
        keys.sort(java.util.Comparator.comparing(k -> k.path().contains(".") || k.path().contains("[")));
        for (Key k : keys) {
            String top = k.path().split("[.\\[]", 2)[0];
            String heading = k.path().equals(top) ? "General" : top;
            if (!heading.equals(section)) {
                section = heading;
                md.append("\n## ").append(heading).append("\n\n| key | type | default | meaning |\n|---|---|---|---|\n");
            }
            md.append("| `").append(k.path()).append("` | ").append(k.type()).append(" | ").append(cell(k.defaultValue()))
                    .append(" | ").append(cell(k.meaning())).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    /**
     * The shipped configuration read line by line: which keys it shows (live, or commented out as examples) and the
     * comment that explains each. A commented-out line is read as if its {@code #} and one space were removed.
     */
    static final class ConfSample {
        private final Map<String, String> meanings = new LinkedHashMap<>();
        private final Set<String> unknown = new LinkedHashSet<>();

        private record Frame(int column, String path, Kind kind) {
        }

        ConfSample(List<String> lines, ConfigReference reference) {
            Deque<Frame> stack = new ArrayDeque<>();
            List<String> comments = new ArrayList<>();
            for (String raw : lines) {
                String line = uncomment(raw);
                KeyLine key = line == null ? null : KeyLine.parse(line);
                if (key == null) {
                    if (raw.isBlank() || !raw.strip().startsWith("#")) {
                        comments.clear();
                    } else {
                        comments.add(raw.strip().replaceFirst("^#+\\s?", "").strip());
                    }
                    continue;
                }
                int column = key.column();
                String block = String.join(" ", comments);
                String meaning = block.isEmpty() ? key.comment()
                        : key.comment().isEmpty() ? block : block + (block.endsWith(".") ? " " : "; ") + key.comment();
                if (key.listItem()) {
                    while (!stack.isEmpty() && stack.peek().column() >= key.dashColumn()) {
                        stack.pop();
                    }
                    if (stack.isEmpty() || stack.peek().kind() != Kind.LIST_OF_SECTIONS) {
                        comments.clear();
                        continue; // an entry of a list of values
                    }
                    stack.push(new Frame(key.dashColumn(), stack.peek().path() + "[]", Kind.SECTION));
                }
                while (!stack.isEmpty() && stack.peek().column() >= column) {
                    stack.pop();
                }
                Frame parent = stack.peek();
                String path;
                if (parent == null) {
                    path = key.name();
                } else if (parent.kind() == Kind.MAP_OF_SECTIONS) {
                    path = parent.path() + ".<name>";
                    stack.push(new Frame(column, path, Kind.SECTION));
                    comments.clear();
                    inline(path, key.value(), meaning, reference);
                    continue;
                } else if (parent.kind() == Kind.SECTION) {
                    path = parent.path() + "." + key.name();
                } else {
                    comments.clear();
                    continue; // a name inside a map or list value
                }
                Node node = reference.model.get(path);
                if (node == null) {
                    unknown.add(path);
                } else {
                    meanings.merge(path, meaning, (a, b) -> a.isEmpty() ? b : a);
                    stack.push(new Frame(column, path, node.kind()));
                    if (node.kind() == Kind.SECTION) {
                        inline(path, key.value(), meaning, reference);
                    }
                }
                comments.clear();
            }
        }

        /** The keys of a section written on one line, e.g. {@code failed-login-throttle: {max-failures: 5, ...}}. */
        private void inline(String path, String value, String meaning, ConfigReference reference) {
            if (!value.startsWith("{")) {
                return;
            }
            JsonNode flow;
            try {
                flow = reference.mapper.readTree(value);
            } catch (Exception e) {
                unknown.add(path + " (cannot read " + value + ")");
                return;
            }
            for (Iterator<String> names = flow.fieldNames(); names.hasNext(); ) {
                String child = path + "." + names.next();
                if (reference.model.containsKey(child)) {
                    meanings.merge(child, meaning, (a, b) -> a.isEmpty() ? b : a);
                } else {
                    unknown.add(child);
                }
            }
        }

        private static String uncomment(String raw) {
            int hash = raw.indexOf('#');
            if (hash < 0 || !raw.substring(0, hash).isBlank()) {
                return raw.isBlank() ? null : raw;
            }
            String rest = raw.substring(hash + 1);
            return raw.substring(0, hash) + (rest.startsWith(" ") ? rest.substring(1) : rest);
        }

        /** The meaning of a key: the comment on its line (minus "example"), or the comment lines just above it. */
        String meaning(String path) {
            return meanings.getOrDefault(path, "");
        }

        boolean shows(String path) {
            return meanings.containsKey(path);
        }

        Set<String> unknownKeys() {
            return unknown;
        }
    }

    /** A line {@code [- ]key: value  # comment}. */
    private record KeyLine(String name, int column, boolean listItem, int dashColumn, String value, String comment) {
        private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile(
                "^(\\s*)(- )?([a-z][a-z0-9-]*|\"[^\"]+\"):(?:\\s+(.*))?$");

        static KeyLine parse(String line) {
            java.util.regex.Matcher m = KEY.matcher(line);
            if (!m.matches()) {
                return null;
            }
            int indent = m.group(1).length();
            boolean item = m.group(2) != null;
            String rest = m.group(4) == null ? "" : m.group(4);
            int hash = commentStart(rest);
            String value = (hash < 0 ? rest : rest.substring(0, hash)).strip();
            String comment = hash < 0 ? "" : rest.substring(hash).replaceFirst("^#+\\s*", "").strip();
            comment = comment.replaceFirst("^example(:\\s*|$)", "").strip();
            return new KeyLine(m.group(3), item ? indent + 2 : indent, item, indent, value, comment);
        }

        /** The {@code #} that starts a comment: at the start or after a space, outside quotes. */
        private static int commentStart(String s) {
            boolean single = false;
            boolean dbl = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\'' && !dbl) {
                    single = !single;
                } else if (c == '"' && !single) {
                    dbl = !dbl;
                } else if (c == '#' && !single && !dbl && (i == 0 || s.charAt(i - 1) == ' ')) {
                    return i;
                }
            }
            return -1;
        }
    }
}
