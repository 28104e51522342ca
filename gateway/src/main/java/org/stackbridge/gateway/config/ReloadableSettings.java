package org.stackbridge.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which settings a running gateway takes on a reload ({@code kill -HUP}, {@code POST /api/v1/admin/reload},
 * {@code bin/stackbridge reload}) and which need a restart. Everything not listed in {@link #RELOADABLE} needs a restart:
 * ports, storage, threads, TLS, limits, the engine's settings, the code lists, ...
 */
public final class ReloadableSettings {

    /** The keys (with everything below them) a reload applies. */
    public static final List<String> RELOADABLE = List.of("sip2-accounts", "sip2.profiles", "ncip.agencies", "ncip.libraries",
            "ncip.defaults", "ncip.open-mode", "policies", "libraries", "notices.templates");

    private ReloadableSettings() {
    }

    /** Whether {@code key} (dotted, e.g. {@code sip2.profiles.lobby.charset}) is applied by a reload. */
    public static boolean reloadable(String key) {
        for (String r : RELOADABLE) {
            if (key.equals(r) || key.startsWith(r + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The settings whose values differ between {@code running} and {@code next} and that only a restart applies, as
     * dotted keys in order ({@code listeners.sip2-port}; an entry of a map added or removed whole by its own key).
     */
    public static List<String> needingRestart(ObjectMapper mapper, GatewayConfig running, GatewayConfig next) {
        ObjectMapper exact = exact(mapper);
        List<String> out = new ArrayList<>();
        diff("", exact.valueToTree(running), exact.valueToTree(next), out);
        return out;
    }

    /** The configuration's mapper keeping amounts as they are (10.00 stays 10.00, not 1E+1) through a tree. */
    private static ObjectMapper exact(ObjectMapper mapper) {
        return mapper.copy().setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    }

    private static void diff(String key, JsonNode a, JsonNode b, List<String> out) {
        if (!key.isEmpty() && reloadable(key)) {
            return;
        }
        JsonNode x = a == null ? NullNode.getInstance() : a;
        JsonNode y = b == null ? NullNode.getInstance() : b;
        if (x.equals(y)) {
            return;
        }
        if (x.isObject() && y.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            x.fieldNames().forEachRemaining(names::add);
            y.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(key.isEmpty() ? name : key + "." + name, x.get(name), y.get(name), out);
            }
            return;
        }
        out.add(key);
    }

    /**
     * The configuration a reload puts in force: {@code running}'s settings, with the reloadable ones taken from
     * {@code next}; checked whole again (a rule may name a patron category only the next file defines, which a reload
     * does not apply).
     *
     * @throws ConfigException naming {@code next}'s file, line and key
     */
    public static GatewayConfig merged(ObjectMapper config, GatewayConfig running, ConfigLoader.Loaded next) {
        ObjectMapper mapper = exact(config);
        ObjectNode tree = mapper.valueToTree(running);
        ObjectNode from = mapper.valueToTree(next.config());
        for (String key : RELOADABLE) {
            String[] parts = key.split("\\.");
            ObjectNode target = tree;
            JsonNode source = from;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = target.get(parts[i]);
                target = child instanceof ObjectNode o ? o : target.putObject(parts[i]);
                source = source == null ? null : source.get(parts[i]);
            }
            JsonNode value = source == null ? null : source.get(parts[parts.length - 1]);
            if (value == null) {
                target.remove(parts[parts.length - 1]);
            } else {
                target.set(parts[parts.length - 1], value.deepCopy());
            }
        }
        GatewayConfig merged;
        try {
            merged = mapper.treeToValue(tree, GatewayConfig.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException(next.file(), 0, "", "cannot be combined with the running configuration: " + e.getMessage());
        }
        new ConfigValidator(next.file(), next.lines()).validate(merged);
        return merged;
    }
}
