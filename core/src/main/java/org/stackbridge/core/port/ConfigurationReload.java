package org.stackbridge.core.port;

import java.util.List;
import java.util.Map;
import org.stackbridge.core.model.Channel;

/**
 * Reloads the running gateway's configuration from the file(s) and overrides it was started with: SIP2 terminal
 * accounts and profiles, NCIP agencies, circulation rules, libraries and their calendars, notice templates. The new
 * configuration is checked whole first; a bad one changes nothing. Settings that only a restart can apply are named,
 * not applied. Implemented by the gateway; called by the staff API, the command line and SIGHUP.
 */
public interface ConfigurationReload {

    /**
     * Reloads now, in the name of {@code actor} (recorded in the event log).
     *
     * @throws Invalid when the configuration (or a notice template) cannot be used; nothing was changed
     */
    Result reload(Channel channel, String actor);

    /**
     * What a reload did.
     *
     * @param file         the configuration file read
     * @param reloaded     what is now in force from it, counted: {@code sip2_accounts}, {@code sip2_profiles},
     *                     {@code ncip_agencies}, {@code circulation_rules}, {@code libraries}, {@code notice_templates}
     * @param changes      what changed, one line each (e.g. {@code sip2-accounts: added kiosk2})
     * @param needsRestart settings that differ from the running ones and need a restart (not applied)
     */
    record Result(String file, Map<String, Integer> reloaded, List<String> changes, List<String> needsRestart) {
        public Result {
            reloaded = Map.copyOf(reloaded);
            changes = List.copyOf(changes);
            needsRestart = List.copyOf(needsRestart);
        }

        /** One line for logs and the command line. */
        public String summary() {
            StringBuilder sb = new StringBuilder("configuration reloaded from ").append(file).append(": ");
            sb.append(new java.util.TreeMap<>(reloaded).toString().replace("{", "").replace("}", ""));
            sb.append(changes.isEmpty() ? "; nothing changed" : "; " + String.join("; ", changes));
            if (!needsRestart.isEmpty()) {
                sb.append("; changed, needs a restart: ").append(String.join(", ", needsRestart));
            }
            return sb.toString();
        }
    }

    /** The configuration cannot be used: where and why (file:line: key: problem). Nothing was changed. */
    final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String key;

        public Invalid(String message, String key, Throwable cause) {
            super(message, cause);
            this.key = key == null ? "" : key;
        }

        /** The setting at fault (empty when the whole file is, e.g. not YAML). */
        public String key() {
            return key;
        }
    }

    /** The reload could not be applied (e.g. the database is unreachable); nothing was changed. */
    final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
