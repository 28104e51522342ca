package org.stackbridge.sip2.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.stackbridge.sip2.codec.Sip2WireFormat;

/**
 * Per-connection protocol state: who is logged in, with which profile and wire format, the last response (for
 * 97) and the last request (for retransmission detection). Touched only on the connection's event loop.
 */
public final class Sip2Session {

    private final long id;
    private final String remote;
    private final Function<String, Sip2Profile> profiles;
    private final String defaultInstitution;
    private String login;
    private String institution;
    private String location;
    private Sip2Profile profile;
    /** The logged-in account's profile name (null: the default profile). */
    private String profileName;
    /** False when the profile was given as a value at login (it then stays as given). */
    private boolean followsName = true;
    private java.time.ZoneId libraryZone;
    private Sip2WireFormat format;
    private byte[] lastResponse;
    private String lastRequestKey;
    private int consecutiveErrors;
    /** The account-change number current when this login was checked (see the server's account changes). */
    private long accountCheckedAt;
    private final Map<String, String> libraryInstitutions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
            return size() > 64;
        }
    };

    private final Executor executor;

    /**
     * @param profiles           profile by name (null or unknown: the default profile)
     * @param defaultInstitution AO before login
     * @param executor           the connection's event loop: engine outcomes are mapped to responses there
     */
    public Sip2Session(long id, String remote, Function<String, Sip2Profile> profiles, String defaultInstitution, Executor executor) {
        this.executor = executor;
        this.id = id;
        this.remote = remote;
        this.profiles = profiles;
        this.defaultInstitution = defaultInstitution;
        this.profile = profiles.apply(null);
        this.format = profile.wireFormat();
    }

    public long id() {
        return id;
    }

    public Executor executor() {
        return executor;
    }

    public String remote() {
        return remote;
    }

    /** The named terminal profile (an account's profile), else the default one. */
    public Sip2Profile profileNamed(String name) {
        return profiles.apply(name);
    }

    public boolean loggedIn() {
        return login != null;
    }

    public String login() {
        return login;
    }

    public String institution() {
        return loggedIn() ? institution : defaultInstitution;
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

    /** The zone of every SIP2 date: the profile's timezone when set, else the terminal's library's, else the JVM's. */
    public java.time.ZoneId zone() {
        if (profile.hasTimezone() || libraryZone == null) {
            return profile.zone();
        }
        return libraryZone;
    }

    /** The time zone of the logged-in terminal's library (null: unknown). */
    public void libraryZone(java.time.ZoneId zone) {
        this.libraryZone = zone;
    }

    /**
     * Asks for the session's profile again (the account's, else the default), so a profile changed while the terminal
     * is connected applies from its next message.
     *
     * @return whether the profile changed (the decoder then needs the new wire format)
     */
    public boolean refreshProfile() {
        Sip2Profile now = followsName ? profiles.apply(profileName) : profile;
        if (now == profile || now.equals(profile)) {
            return false;
        }
        this.profile = now;
        this.format = now.wireFormat();
        return true;
    }

    /** Logged in with the profile of this name (see {@link #refreshProfile()}). */
    public void loggedIn(String newLogin, String newInstitution, String newLocation, String newProfileName) {
        loggedIn(newLogin, newInstitution, newLocation, profiles.apply(newProfileName));
        this.profileName = newProfileName;
        this.followsName = true;
    }

    public void loggedIn(String newLogin, String newInstitution, String newLocation, Sip2Profile newProfile) {
        this.login = newLogin;
        this.institution = newInstitution;
        this.location = newLocation == null || newLocation.isBlank() ? null : newLocation.strip();
        this.profile = newProfile;
        this.profileName = null;
        this.followsName = false;
        this.format = newProfile.wireFormat();
        libraryInstitutions.clear();
    }

    public void loggedOut() {
        this.libraryZone = null;
        this.login = null;
        this.institution = null;
        this.location = null;
        this.profileName = null;
        this.followsName = true;
        this.profile = profiles.apply(null);
        this.format = profile.wireFormat();
    }

    /** The account-change number current when the logged-in account was checked. */
    public long accountCheckedAt() {
        return accountCheckedAt;
    }

    public void accountCheckedAt(long number) {
        this.accountCheckedAt = number;
    }

    /** The logged-in account now names profile {@code name}: follow it (see {@link #refreshProfile()}). */
    public void followProfile(String name) {
        this.profileName = name;
        this.followsName = true;
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

    /**
     * The institution a request with this AO acts in: the login's own (also when AO is absent), one of the profile's
     * extra institutions, or null when the terminal may not act there.
     */
    public String institutionFor(String ao) {
        if (ao == null || ao.equals(institution())) {
            return institution();
        }
        return profile.extraInstitutions().contains(ao) ? ao : null;
    }

    /** Cached institution of a library code ("" = unknown library). */
    public String libraryInstitution(String code) {
        return libraryInstitutions.get(code);
    }

    public void libraryInstitution(String code, String inst) {
        libraryInstitutions.put(code, inst);
    }
}
