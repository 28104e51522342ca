package org.stackbridge.sip2.server;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stackbridge.sip2.codec.Sip2WireFormat;

/**
 * Per-connection protocol state: who is logged in, with which profile and wire format, the last response (for
 * 97) and the last request (for retransmission detection). Touched only on the connection's event loop.
 */
public final class Sip2Session {

    private final long id;
    private final String remote;
    private final Sip2Settings settings;
    private String login;
    private String institution;
    private String location;
    private Sip2Profile profile;
    private Sip2WireFormat format;
    private byte[] lastResponse;
    private String lastRequestKey;
    private int consecutiveErrors;
    private final Map<String, String> libraryInstitutions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
            return size() > 64;
        }
    };

    private final java.util.concurrent.Executor executor;

    /** @param executor the connection's event loop: engine outcomes are mapped to responses there */
    public Sip2Session(long id, String remote, Sip2Settings settings, java.util.concurrent.Executor executor) {
        this.executor = executor;
        this.id = id;
        this.remote = remote;
        this.settings = settings;
        this.profile = settings.profile(null);
        this.format = profile.wireFormat();
    }

    public long id() {
        return id;
    }

    public java.util.concurrent.Executor executor() {
        return executor;
    }

    public String remote() {
        return remote;
    }

    public Sip2Settings settings() {
        return settings;
    }

    public boolean loggedIn() {
        return login != null;
    }

    public String login() {
        return login;
    }

    public String institution() {
        return loggedIn() ? institution : settings.defaultInstitution();
    }

    /** CP location from the login, or null. */
    public String location() {
        return location;
    }

    public Sip2Profile profile() {
        return profile;
    }

    public Sip2WireFormat format() {
        return format;
    }

    public void loggedIn(String newLogin, String newInstitution, String newLocation, Sip2Profile newProfile) {
        this.login = newLogin;
        this.institution = newInstitution;
        this.location = newLocation == null || newLocation.isBlank() ? null : newLocation.strip();
        this.profile = newProfile;
        this.format = newProfile.wireFormat();
        libraryInstitutions.clear();
    }

    public void loggedOut() {
        this.login = null;
        this.institution = null;
        this.location = null;
        this.profile = settings.profile(null);
        this.format = profile.wireFormat();
    }

    public byte[] lastResponse() {
        return lastResponse;
    }

    public void lastResponse(byte[] r) {
        this.lastResponse = r;
    }

    public String lastRequestKey() {
        return lastRequestKey;
    }

    public void lastRequestKey(String k) {
        this.lastRequestKey = k;
    }

    public int error() {
        return ++consecutiveErrors;
    }

    public void ok() {
        consecutiveErrors = 0;
    }

    /** Cached institution of a library code ("" = unknown library). */
    public String libraryInstitution(String code) {
        return libraryInstitutions.get(code);
    }

    public void libraryInstitution(String code, String inst) {
        libraryInstitutions.put(code, inst);
    }
}
