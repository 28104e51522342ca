package org.stackbridge.staff;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the staff API knows of SIP2 terminal profiles besides the database: the configuration file's profiles (the
 * starting values), how a profile's JSON is checked and completed, and which names exist. The gateway's implementation
 * reads profiles the way the SIP2 listener does, so a profile the API accepts is one the listener can use.
 * Profiles are JSON objects with the fields of {@code sip2.profiles} in snake_case ({@code screen_messages},
 * {@code checkout_pin_required}, ...).
 */
public interface Sip2ProfileCatalogue {

    /** The configuration file's profiles (and "default"), every field with its effective value. */
    Map<String, Map<String, Object>> configured();

    /**
     * Checks a profile's JSON and answers it with every field's effective value (defaults filled in).
     *
     * @throws InvalidProfile naming the field and the reason
     */
    Map<String, Object> effective(Map<String, Object> settings);

    /** The names a SIP2 account may give: the configuration's and the stored ones, as this gateway knows them now. */
    Set<String> names();

    /** A profile's JSON that cannot be used: the field (snake_case) and why. */
    final class InvalidProfile extends IllegalArgumentException {
        private final String field;

        public InvalidProfile(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Only the configuration's profiles, shown read-only (an endpoint without a SIP2 listener). */
    static Sip2ProfileCatalogue configurationOnly(Map<String, Map<String, Object>> configured) {
        Map<String, Map<String, Object>> copy = Map.copyOf(configured);
        return new Sip2ProfileCatalogue() {
            @Override
            public Map<String, Map<String, Object>> configured() {
                return copy;
            }

            @Override
            public Map<String, Object> effective(Map<String, Object> settings) {
                throw new InvalidProfile("(body)", "this endpoint has no SIP2 listener to check profiles against");
            }

            @Override
            public Set<String> names() {
                return new TreeSet<>(copy.keySet());
            }
        };
    }
}
