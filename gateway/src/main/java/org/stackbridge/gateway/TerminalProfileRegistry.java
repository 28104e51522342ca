package org.stackbridge.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.model.TerminalProfile;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.staff.Sip2ProfileCatalogue;

/**
 * The SIP2 terminal profiles in force: a profile stored in the database (through {@code /api/v1/sip2-profiles})
 * overrides the configuration file's of the same name; a name neither defines falls back to "default" (stored, else
 * configured, else built in). The SIP2 listener resolves an account's profile here on every message, so a change
 * applies to connected terminals from their next message; {@link #reload} re-reads the stored profiles (after a
 * change through this gateway, and when the settings revision moves). The staff API checks profiles here too, with
 * the same reading the listener uses.
 */
final class TerminalProfileRegistry implements Function<String, Sip2Profile>, Sip2ProfileCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalProfileRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Sip2Profile BUILT_IN = Sip2Profile.defaults();

    private volatile Map<String, Sip2Profile> configured;
    private volatile Map<String, Map<String, Object>> configuredJson;
    private volatile Map<String, Sip2Profile> stored = Map.of();

    TerminalProfileRegistry(Map<String, Sip2Profile> configuredProfiles, Sip2Profile configuredDefault) {
        reconfigure(configuredProfiles, configuredDefault);
    }

    /**
     * Takes the configuration's profiles (a reload); terminals connected with one of them follow the new settings from
     * their next message. Stored profiles still override those of the same name.
     */
    synchronized void reconfigure(Map<String, Sip2Profile> configuredProfiles, Sip2Profile configuredDefault) {
        Map<String, Sip2Profile> c = new TreeMap<>(configuredProfiles);
        c.putIfAbsent("default", configuredDefault);
        Map<String, Map<String, Object>> shown = new TreeMap<>();
        c.forEach((name, p) -> shown.put(name, json(p)));
        this.configuredJson = Collections.unmodifiableMap(shown);
        this.configured = Collections.unmodifiableMap(c);
    }

    /** Reads the stored profiles; one that no longer reads (it was checked when stored) is logged and left out. */
    TerminalProfileRegistry reload(TransactionRunner storage) {
        Map<String, Sip2Profile> read = new TreeMap<>();
        for (TerminalProfile p : storage.read(tx -> tx.terminalProfiles().all()).join()) {
            try {
                read.put(p.name(), parse(JSON.readValue(p.settings(), new TypeReference<Map<String, Object>>() { })));
            } catch (JsonProcessingException | InvalidProfile e) {
                LOG.error("stored SIP2 profile {} cannot be read and is ignored: {}", p.name(), e.getMessage());
            }
        }
        stored = Collections.unmodifiableMap(read);
        return this;
    }

    /** The profile of this name, else "default" (stored, configured, built in). */
    @Override
    public Sip2Profile apply(String name) {
        Map<String, Sip2Profile> s = stored;
        Map<String, Sip2Profile> c = configured;
        Sip2Profile p = name == null ? null : s.getOrDefault(name, c.get(name));
        if (p == null) {
            p = s.getOrDefault("default", c.get("default"));
        }
        return p == null ? BUILT_IN : p;
    }

    @Override
    public Map<String, Map<String, Object>> configured() {
        return configuredJson;
    }

    @Override
    public Map<String, Object> effective(Map<String, Object> settings) {
        return json(parse(settings));
    }

    @Override
    public Set<String> names() {
        Set<String> all = new TreeSet<>(configured.keySet());
        all.addAll(stored.keySet());
        return all;
    }

    /** The profile a JSON object describes, as the listener will use it. */
    static Sip2Profile parse(Map<String, Object> settings) {
        try {
            return JSON.convertValue(settings, Sip2Profile.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof UnrecognizedPropertyException u) {
                throw new InvalidProfile(u.getPropertyName(), "unknown field; the fields are those of sip2.profiles in snake_case: "
                        + String.join(", ", json(Sip2Profile.defaults()).keySet()));
            }
            String field = cause instanceof JsonMappingException m && !m.getPath().isEmpty() && m.getPath().get(0).getFieldName() != null
                    ? m.getPath().get(0).getFieldName() : "(body)";
            Throwable root = cause;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String reason = root instanceof JsonMappingException jm ? jm.getOriginalMessage() : root.getMessage();
            reason = reason == null ? "invalid value" : reason.lines().findFirst().orElse(reason);
            if ("(body)".equals(field) && settings.size() > 1) {
                // the profile's own checks run on the whole record: find the field by reading each one alone
                for (Map.Entry<String, Object> entry : settings.entrySet()) {
                    try {
                        parse(Collections.singletonMap(entry.getKey(), entry.getValue()));
                    } catch (InvalidProfile alone) {
                        field = alone.field();
                        break;
                    }
                }
            } else if ("(body)".equals(field) && settings.size() == 1) {
                field = settings.keySet().iterator().next();
            }
            throw new InvalidProfile(field, reason);
        }
    }

    private static Map<String, Object> json(Sip2Profile p) {
        return JSON.convertValue(p, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
