package org.stackbridge.sip2.session;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stackbridge.sip2.codec.Sip2Charset;
import org.stackbridge.sip2.codec.Sip2WireFormat;

/**
 * How one kind of terminal wants SIP2 spoken; named in the config and chosen per account.
 *
 * @param charset             UTF-8 (default), IBM850, ISO-8859-1 or ASCII (transliterated)
 * @param terminator          CR (default), CRLF or LF for our responses
 * @param errorDetection      AUTO: AY/AZ when the request had them; ON: always
 * @param dueDateFormat       "SIP" for the 18-character SIP date, else a java.time pattern (e.g. "yyyy-MM-dd HH:mm")
 * @param timezone            zone of SIP dates (default: the zone of the terminal's library, else the JVM's)
 * @param currency            BH value; null = the engine's currency
 * @param hiddenFields        field codes never sent in any response (e.g. "DA" to hide the hold patron's name); applied by
 *                            the encoder through {@link #wireFormat()}, a hidden required field goes out empty
 * @param patronFields        extra patron fields: code → email | phone | address | expires | category | homeLibrary
 * @param screenMessages      AF text per outcome key (a RefusalReason name or CHECKOUT_OK, CHECKIN_OK, CHECKIN_HOLD,
 *                            CHECKIN_TRANSIT, RENEW_OK, HOLD_PLACED, HOLD_CANCELLED, FEE_PAID, INVALID_PATRON,
 *                            NOT_LOGGED_IN, ...); "KEY@lang" (3-digit SIP language) wins over "KEY"
 * @param language            language code used when a request does not carry one
 * @param sortBins            CL per destination: RESHELVE, HOLD_SHELF, TRANSIT_FOR_HOLD, TRANSIT_HOME, ILL_RETURN
 * @param patronStatusFlags   PatronFlag name → patron-status positions to set (default: its own position; [] hides it)
 * @param supportedMessages   request codes this terminal may use (BX); null = all
 * @param checkoutPinRequired checkout needs a valid AD
 * @param extraInstitutions   further AO values the terminal may act in
 * @param libraryName         AM in 98
 * @param mediaTypes          item type → CK media type (default 001 book)
 * @param itemPropertiesField where 19 stores CH: "location", "callNumber" or "none" (19 not supported)
 * @param offlineOk           98 off-line ok
 * @param timeoutPeriod       98 timeout period (tenths of a second, 3 digits)
 * @param retriesAllowed      98 retries allowed
 * @param unknownMessages     "96" (default) or "silent"
 * @param checksumCharset     charset the AZ checksum is computed in; null = the wire charset ("ASCII" for Alma)
 * @param maxFieldLength      longest variable field value we send, in characters (default 255, the SIP2 limit; less for
 *                            vendors that need it); longer values are cut by the encoder
 * @param checkinNotOnLoan    check-in of an item that was not on loan: "refuse" (default; ok 0 with the
 *                            CHECKIN_NOT_ON_LOAN screen message, as Koha and Evergreen answer) or "ok" (ok 1, for sorters)
 * @param patronEnable        Patron Enable (25): "allow" (default; lifts only the blocks a kiosk's Block Patron placed,
 *                            never a staff block) or "refuse" (25 is answered with the denied status and the
 *                            PATRON_ENABLE_REFUSED screen message, and lifts nothing)
 */
public record Sip2Profile(String charset, String terminator, String errorDetection, String dueDateFormat, String timezone,
                          String currency, List<String> hiddenFields, Map<String, String> patronFields,
                          Map<String, String> screenMessages, String language, Map<String, String> sortBins,
                          Map<String, List<Integer>> patronStatusFlags, List<String> supportedMessages,
                          Boolean checkoutPinRequired, List<String> extraInstitutions, String libraryName,
                          Map<String, String> mediaTypes, String itemPropertiesField, Boolean offlineOk,
                          Integer timeoutPeriod, Integer retriesAllowed, String unknownMessages, String checksumCharset,
                          Integer maxFieldLength, String checkinNotOnLoan, String patronEnable) {

    public Sip2Profile {
        charset = charset == null ? "UTF-8" : charset;
        Sip2Charset.parse(charset);
        terminator = terminator == null ? "CR" : terminator;
        Sip2WireFormat.Terminator.parse(terminator);
        errorDetection = errorDetection == null ? "AUTO" : errorDetection.toUpperCase(java.util.Locale.ROOT);
        if (!Set.of("AUTO", "ON").contains(errorDetection)) {
            throw new IllegalArgumentException("errorDetection must be AUTO or ON");
        }
        dueDateFormat = dueDateFormat == null ? "SIP" : dueDateFormat;
        hiddenFields = hiddenFields == null ? List.of() : List.copyOf(hiddenFields);
        // sorted so extra fields always go out in the same order
        patronFields = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(patronFields == null
                ? Map.of("BE", "email", "BF", "phone", "BD", "address") : patronFields));
        screenMessages = screenMessages == null ? Map.of() : Map.copyOf(screenMessages);
        language = language == null ? "000" : language;
        sortBins = sortBins == null ? Map.of() : Map.copyOf(sortBins);
        patronStatusFlags = patronStatusFlags == null ? Map.of() : Map.copyOf(patronStatusFlags);
        supportedMessages = supportedMessages == null ? null : List.copyOf(supportedMessages);
        checkoutPinRequired = checkoutPinRequired != null && checkoutPinRequired;
        extraInstitutions = extraInstitutions == null ? List.of() : List.copyOf(extraInstitutions);
        libraryName = libraryName == null ? "" : libraryName;
        mediaTypes = mediaTypes == null ? Map.of() : Map.copyOf(mediaTypes);
        itemPropertiesField = itemPropertiesField == null ? "none" : itemPropertiesField;
        if (!Set.of("none", "location", "callNumber").contains(itemPropertiesField)) {
            throw new IllegalArgumentException("itemPropertiesField must be none, location or callNumber");
        }
        offlineOk = offlineOk != null && offlineOk;
        timeoutPeriod = timeoutPeriod == null ? 999 : timeoutPeriod;
        retriesAllowed = retriesAllowed == null ? 999 : retriesAllowed;
        unknownMessages = unknownMessages == null ? "96" : unknownMessages;
        if (checksumCharset != null) {
            Sip2Charset.parse(checksumCharset);
        }
        maxFieldLength = maxFieldLength == null ? Sip2WireFormat.MAX_FIELD_LENGTH : maxFieldLength;
        if (maxFieldLength < 1 || maxFieldLength > Sip2WireFormat.MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException("maxFieldLength must be between 1 and " + Sip2WireFormat.MAX_FIELD_LENGTH);
        }
        checkinNotOnLoan = checkinNotOnLoan == null ? "refuse" : checkinNotOnLoan.toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("refuse", "ok").contains(checkinNotOnLoan)) {
            throw new IllegalArgumentException("checkinNotOnLoan must be refuse or ok");
        }
        patronEnable = patronEnable == null ? "allow" : patronEnable.toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("allow", "refuse").contains(patronEnable)) {
            throw new IllegalArgumentException("patronEnable must be allow or refuse");
        }
    }

    /** A profile that allows Patron Enable (25). */
    public Sip2Profile(String charset, String terminator, String errorDetection, String dueDateFormat, String timezone,
                       String currency, List<String> hiddenFields, Map<String, String> patronFields,
                       Map<String, String> screenMessages, String language, Map<String, String> sortBins,
                       Map<String, List<Integer>> patronStatusFlags, List<String> supportedMessages,
                       Boolean checkoutPinRequired, List<String> extraInstitutions, String libraryName,
                       Map<String, String> mediaTypes, String itemPropertiesField, Boolean offlineOk,
                       Integer timeoutPeriod, Integer retriesAllowed, String unknownMessages, String checksumCharset,
                       Integer maxFieldLength, String checkinNotOnLoan) {
        this(charset, terminator, errorDetection, dueDateFormat, timezone, currency, hiddenFields, patronFields, screenMessages,
                language, sortBins, patronStatusFlags, supportedMessages, checkoutPinRequired, extraInstitutions, libraryName,
                mediaTypes, itemPropertiesField, offlineOk, timeoutPeriod, retriesAllowed, unknownMessages, checksumCharset,
                maxFieldLength, checkinNotOnLoan, null);
    }

    /** Whether Patron Enable (25) may lift kiosk blocks (the default) or is refused. */
    public boolean allowsPatronEnable() {
        return "allow".equals(patronEnable);
    }

    /** Whether a check-in of an item that was not on loan is answered ok 0 (the default) rather than ok 1. */
    public boolean refusesCheckinNotOnLoan() {
        return "refuse".equals(checkinNotOnLoan);
    }

    public static Sip2Profile defaults() {
        return new Sip2Profile(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    public Sip2WireFormat wireFormat() {
        return new Sip2WireFormat(Sip2Charset.parse(charset), Sip2WireFormat.Terminator.parse(terminator),
                "ON".equals(errorDetection), '|', checksumCharset == null ? null : Sip2Charset.parse(checksumCharset),
                Set.copyOf(hiddenFields), maxFieldLength);
    }

    /** Whether the profile names a zone (which then wins over the library's). */
    public boolean hasTimezone() {
        return timezone != null && !timezone.isBlank();
    }

    /** The profile's zone, else the JVM's; sessions use {@link Sip2Session#zone()}, which prefers the library's. */
    public java.time.ZoneId zone() {
        return timezone == null || timezone.isBlank() ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(timezone);
    }

    public boolean supports(String requestCode) {
        if ("19".equals(requestCode) && "none".equals(itemPropertiesField)) {
            return false;
        }
        return supportedMessages == null || supportedMessages.contains(requestCode);
    }

    /** Builder-style copies for tests and the demo. */
    public Sip2Profile withCharset(String cs) {
        return new Sip2Profile(cs, terminator, errorDetection, dueDateFormat, timezone, currency, hiddenFields, patronFields,
                screenMessages, language, sortBins, patronStatusFlags, supportedMessages, checkoutPinRequired, extraInstitutions,
                libraryName, mediaTypes, itemPropertiesField, offlineOk, timeoutPeriod, retriesAllowed, unknownMessages, checksumCharset,
                maxFieldLength, checkinNotOnLoan, patronEnable);
    }

    public Sip2Profile withTimezone(String tz) {
        return new Sip2Profile(charset, terminator, errorDetection, dueDateFormat, tz, currency, hiddenFields, patronFields,
                screenMessages, language, sortBins, patronStatusFlags, supportedMessages, checkoutPinRequired, extraInstitutions,
                libraryName, mediaTypes, itemPropertiesField, offlineOk, timeoutPeriod, retriesAllowed, unknownMessages, checksumCharset,
                maxFieldLength, checkinNotOnLoan, patronEnable);
    }
}
