package org.stackbridge.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code stackbridge.yaml}, applies overrides (environment {@code STACKBRIDGE_...} variables, then
 * {@code --set key=value} flags), binds and validates. Every error names file, line and key.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "STACKBRIDGE_";
    private static final int MAX_CONFIG_BYTES = 4 << 20;

    private final ObjectMapper yaml;

    public ConfigLoader() {
        // a key given twice in one mapping is refused with its line, not silently overwritten
        this.yaml = mapper(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    }

    /** A Jackson mapper with the config conventions (kebab-case keys, unknown keys rejected). */
    public static ObjectMapper mapper(YAMLFactory factory) {
        ObjectMapper m = factory == null ? new ObjectMapper() : new ObjectMapper(factory);
        m.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
        m.registerModule(new JavaTimeModule());
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m;
    }

    public ObjectMapper objectMapper() {
        return yaml;
    }

    /**
     * Where a configuration comes from: the file (null: none), the environment and the {@code --set} flags, in the order
     * they apply. A running gateway reloads from the same source.
     */
    public record Source(Path file, Map<String, String> env, List<String> sets) {
        public Source {
            file = file == null ? null : file.toAbsolutePath();
            env = Map.copyOf(env);
            sets = List.copyOf(sets);
        }

        @Override
        public String toString() {
            return "Source[file=" + file + ", " + sets.size() + " --set]";
        }
    }

    /**
     * The loaded configuration with the lines each key came from, and the source it was read from (null when it was
     * not read by {@link #load}; such a configuration cannot be reloaded).
     */
    public record Loaded(GatewayConfig config, String file, Map<String, Integer> lines, Source source) {
        public Loaded(GatewayConfig config, String file, Map<String, Integer> lines) {
            this(config, file, lines, null);
        }

        /** The same with another configuration (the running one after a reload), keeping the source. */
        public Loaded with(GatewayConfig other, Map<String, Integer> otherLines) {
            return new Loaded(other, file, otherLines, source);
        }

        public int lineOf(String key) {
            return lines.getOrDefault(key, 0);
        }

        /** The folder of the configuration file, against which relative file settings resolve (null: none). */
        public Path directory() {
            if (file == null || file.startsWith("(")) {
                return null;
            }
            return Path.of(file).toAbsolutePath().getParent();
        }
    }

    /** Reads the configuration again from where {@code source} says. */
    public Loaded load(Source source) {
        return load(source.file(), source.env(), source.sets());
    }

    public Loaded load(Path file, Map<String, String> env, List<String> sets) {
        String name = file == null ? "(defaults)" : file.toString();
        ObjectNode tree;
        Map<String, Integer> lines = new HashMap<>();
        if (file == null) {
            tree = JsonNodeFactory.instance.objectNode();
        } else {
            byte[] bytes;
            try {
                if (Files.size(file) > MAX_CONFIG_BYTES) {
                    throw new ConfigException(name, 0, "", "file is larger than " + MAX_CONFIG_BYTES + " bytes");
                }
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ConfigException(name, 0, "", "cannot read: " + e.getMessage());
            }
            tree = parse(name, bytes, lines);
        }
        Map<String, String> overrides = new LinkedHashMap<>(); // key -> the flag or variable that set it
        applyEnv(tree, env, overrides);
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw ConfigException.ofOverride("--set " + set, set, "expected key=value");
            }
            String key = set.substring(0, eq).trim();
            put(tree, key, overrideValue("--set " + set, key, set.substring(eq + 1)));
            overrides.put(key, "--set " + set);
        }
        try {
            GatewayConfig config = bind(name, tree, lines, GatewayConfig.class);
            new ConfigValidator(name, lines).validate(config);
            return new Loaded(config, name, lines, new Source(file, env, sets));
        } catch (ConfigException e) {
            throw blameOverride(e, overrides);
        }
    }

    /** A value from --set: text, or a YAML flow list/map such as {@code [127.0.0.1, 10.0.0.0/8]} or {@code {BE: email}}. */
    private JsonNode overrideValue(String flag, String key, String value) {
        String v = value.strip();
        if (!(v.startsWith("[") && v.endsWith("]") || v.startsWith("{") && v.endsWith("}"))) {
            return TextNode.valueOf(value);
        }
        try {
            return yaml.readTree(v);
        } catch (JsonProcessingException e) {
            throw ConfigException.ofOverride(flag, key, "not a valid " + (v.startsWith("[") ? "list" : "map") + ": " + e.getOriginalMessage());
        }
    }

    /** An error in a key (or below a key) that a flag or variable set names that flag, not the file's line. */
    private static ConfigException blameOverride(ConfigException e, Map<String, String> overrides) {
        String key = e.key() == null ? "" : e.key();
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String k = o.getKey();
            if (key.equals(k) || key.startsWith(k + ".") || key.startsWith(k + "[")) {
                return ConfigException.ofOverride(o.getValue(), key, e.problem());
            }
        }
        return e;
    }

    /** Binds a subtree (e.g. a listener section) into a settings type, reporting errors with their lines. */
    public <T> T bindSection(Loaded loaded, String section, Object value, Class<T> type) {
        JsonNode node = yaml.valueToTree(value);
        try {
            return yaml.treeToValue(node == null ? JsonNodeFactory.instance.objectNode() : node, type);
        } catch (JsonProcessingException e) {
            String key = section + pathOf(e);
            throw new ConfigException(loaded.file(), loaded.lines().getOrDefault(key, loaded.lineOf(section)), key, problemOf(e));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(loaded.file(), loaded.lineOf(section), section, e.getMessage());
        }
    }

    private ObjectNode parse(String name, byte[] bytes, Map<String, Integer> lines) {
        try (JsonParser p = yaml.getFactory().createParser(bytes)) {
            recordLines(p, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String msg = e.getOriginalMessage();
            if (msg.startsWith("Duplicate field '")) {
                String key = msg.substring("Duplicate field '".length(), msg.indexOf('\'', "Duplicate field '".length()));
                throw new ConfigException(name, line, key, "given twice (each key may appear once in its section)");
            }
            throw new ConfigException(name, line, "", "not valid YAML: " + msg);
        } catch (IOException e) {
            throw new ConfigException(name, 0, "", e.getMessage());
        }
        try {
            JsonNode node = yaml.readTree(bytes);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(name, 1, "", "the top level must be a mapping of keys");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new ConfigException(name, 0, "", e.getMessage());
        }
    }

    /** Walks the YAML tokens and records the line of every key path, e.g. {@code libraries[1].code}. */
    private static void recordLines(JsonParser p, Map<String, Integer> lines) throws IOException {
        Deque<String> path = new ArrayDeque<>();
        Deque<int[]> arrayIndex = new ArrayDeque<>();
        Deque<Boolean> inArray = new ArrayDeque<>();
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            switch (t) {
                case FIELD_NAME -> {
                    String parent = path.isEmpty() ? "" : path.peek();
                    String key = parent.isEmpty() ? p.currentName() : parent + "." + p.currentName();
                    lines.putIfAbsent(key, p.currentLocation().getLineNr());
                    JsonToken value = p.nextToken();
                    if (value == JsonToken.START_OBJECT) {
                        path.push(key);
                        inArray.push(false);
                    } else if (value == JsonToken.START_ARRAY) {
                        path.push(key);
                        inArray.push(true);
                        arrayIndex.push(new int[] {0});
                    }
                }
                case START_OBJECT, START_ARRAY -> {
                    if (!inArray.isEmpty() && inArray.peek()) {
                        int i = arrayIndex.peek()[0]++;
                        String key = path.peek() + "[" + i + "]";
                        lines.putIfAbsent(key, p.currentLocation().getLineNr());
                        path.push(key);
                        inArray.push(t == JsonToken.START_ARRAY);
                        if (t == JsonToken.START_ARRAY) {
                            arrayIndex.push(new int[] {0});
                        }
                    } else if (path.isEmpty() && inArray.isEmpty()) {
                        path.push("");
                        inArray.push(t == JsonToken.START_ARRAY);
                        if (t == JsonToken.START_ARRAY) {
                            arrayIndex.push(new int[] {0});
                        }
                    }
                }
                case END_OBJECT, END_ARRAY -> {
                    if (!inArray.isEmpty()) {
                        if (inArray.pop()) {
                            arrayIndex.pop();
                        }
                        path.pop();
                    }
                }
                default -> {
                    if (!inArray.isEmpty() && inArray.peek()) {
                        int i = arrayIndex.peek()[0]++;
                        lines.putIfAbsent(path.peek() + "[" + i + "]", p.currentLocation().getLineNr());
                    }
                }
            }
        }
    }

    /**
     * Environment overrides: {@code STACKBRIDGE_DATA_DIR}, {@code STACKBRIDGE_DATABASE_URL},
     * {@code STACKBRIDGE_LISTENERS_HTTP_PORT}, ... (key path upper-cased, '.' and '-' as '_').
     */
    private static void applyEnv(ObjectNode tree, Map<String, String> env, Map<String, String> overrides) {
        for (String path : ENV_KEYS) {
            String var = ENV_PREFIX + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            String value = env.get(var);
            if (value != null) {
                put(tree, path, TextNode.valueOf(value));
                overrides.put(path, var + "=" + (path.contains("password") || path.contains("token") ? "***" : value));
            }
        }
    }

    /** Scalar keys that environment variables may override. */
    public static final List<String> ENV_KEYS = List.of(
            "data-dir", "database.url", "database.user", "database.password", "database.pool-size", "database.max-batch", "database.writers",
            "database.circuit-breaker.failure-threshold", "database.circuit-breaker.open-seconds",
            "engine.currency", "engine.fee-limit", "engine.max-overdue", "engine.maintenance-minutes",
            "engine.pin-cache-minutes", "engine.pin-max-failures", "engine.pin-lock-minutes", "engine.settings-refresh-seconds",
            "engine.pin-cache-entries",
            "listeners.bind", "listeners.http-port", "listeners.sip2-port", "listeners.z3950-port", "listeners.admin-token", "listeners.proxy-protocol",
            "events.sink-uri", "security.hash-iterations", "security.log-json");

    static void put(ObjectNode tree, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    private <T> T bind(String name, ObjectNode tree, Map<String, Integer> lines, Class<T> type) {
        try {
            return yaml.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            String key = pathOf(e);
            JsonLocation loc = e.getLocation();
            int line = lines.getOrDefault(key, loc == null ? 0 : loc.getLineNr());
            throw new ConfigException(name, line, key, problemOf(e));
        }
    }

    private static String pathOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String problemOf(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> t = m.getTargetType();
            if (Number.class.isAssignableFrom(t) || t == int.class || t == long.class) {
                return "not a number";
            }
            if (t == Boolean.class || t == boolean.class) {
                return "not true or false";
            }
            if (java.util.Collection.class.isAssignableFrom(t) && !(e instanceof InvalidFormatException)) {
                return "expected a list, e.g. [a, b]";
            }
        }
        if (msg.startsWith("Unrecognized field")) {
            int q = msg.indexOf('"');
            int q2 = q < 0 ? -1 : msg.indexOf('"', q + 1);
            return "unknown setting" + (q2 > q ? " \"" + msg.substring(q + 1, q2) + "\"" : "");
        }
        int nl = msg.indexOf('\n');
        return nl > 0 ? msg.substring(0, nl) : msg;
    }

}
