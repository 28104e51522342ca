package org.stackbridge.ncip.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.stackbridge.core.model.Money;
import org.stackbridge.ncip.binding.v2.Amount;
import org.stackbridge.ncip.binding.v2.AuthenticationInput;
import org.stackbridge.ncip.binding.v2.ItemId;
import org.stackbridge.ncip.binding.v2.RequestId;
import org.stackbridge.ncip.binding.v2.SchemeValuePair;
import org.stackbridge.ncip.binding.v2.UserId;

/** Small explicit conversions between binding values and Java values. */
public final class NcipValues {

    private static final DatatypeFactory DATATYPES;

    static {
        try {
            DATATYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NcipValues() {
    }

    public static SchemeValuePair svp(String value) {
        return svp(null, value);
    }

    public static SchemeValuePair svp(String scheme, String value) {
        SchemeValuePair p = new SchemeValuePair();
        p.setScheme(scheme);
        p.setValue(value == null ? "" : value);
        return p;
    }

    /** The trimmed value, or null when absent or blank. */
    public static String text(SchemeValuePair p) {
        return p == null ? null : text(p.getValue());
    }

    public static String text(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    public static String lower(SchemeValuePair p) {
        String t = text(p);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    public static String userValue(UserId id) {
        return id == null ? null : text(id.getUserIdentifierValue());
    }

    public static String itemValue(ItemId id) {
        return id == null ? null : text(id.getItemIdentifierValue());
    }

    public static String requestValue(RequestId id) {
        return id == null ? null : text(id.getRequestIdentifierValue());
    }

    public static UserId userId(String agency, String barcode) {
        UserId u = new UserId();
        if (agency != null) {
            u.setAgencyId(svp(agency));
        }
        u.setUserIdentifierValue(barcode);
        return u;
    }

    public static ItemId itemId(String agency, String barcode) {
        ItemId i = new ItemId();
        if (agency != null) {
            i.setAgencyId(svp(agency));
        }
        i.setItemIdentifierValue(barcode);
        return i;
    }

    public static RequestId requestId(String agency, String value) {
        RequestId r = new RequestId();
        if (agency != null) {
            r.setAgencyId(svp(agency));
        }
        r.setRequestIdentifierValue(value);
        return r;
    }

    /**
     * The partner's RequestId for an answer: its AgencyId exactly as the partner sent it (case and scheme kept),
     * or {@code fallbackAgency} when it sent none.
     */
    public static RequestId requestIdAsSent(RequestId sent, String fallbackAgency, String value) {
        if (sent != null && sent.getAgencyId() != null && text(sent.getAgencyId()) != null) {
            RequestId r = requestId(null, value);
            r.setAgencyId(svp(sent.getAgencyId().getScheme(), sent.getAgencyId().getValue().trim()));
            return r;
        }
        return requestId(fallbackAgency, value);
    }

    /** Barcode and PIN/password from AuthenticationInput elements (types matched loosely). */
    public record Credentials(String barcode, String secret) {
    }

    public static Credentials credentials(List<AuthenticationInput> inputs) {
        String barcode = null;
        String secret = null;
        if (inputs != null) {
            for (AuthenticationInput in : inputs) {
                String type = lower(in.getAuthenticationInputType());
                String data = in.getAuthenticationInputData();
                if (type == null || data == null) {
                    continue;
                }
                if (type.contains("pin") || type.contains("password")) {
                    secret = data;
                } else if (type.contains("barcode") || type.contains("user id") || type.equals("userid") || type.contains("username")) {
                    barcode = data.trim();
                }
            }
        }
        return new Credentials(barcode, secret);
    }

    public static XMLGregorianCalendar dateTime(Instant at) {
        if (at == null) {
            return null;
        }
        // the UTC fields straight from the instant: building a GregorianCalendar (and its time zone) per value was
        // most of the cost of a LookupUser answer's one date; years outside 1..9999 keep the calendar's conversion
        java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return viaCalendar(at);
        }
        return DATATYPES.newXMLGregorianCalendar(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond(), javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED, 0);
    }

    /** The dateTime as a GregorianCalendar converts it (UTC, no milliseconds); {@link #dateTime(Instant)} gives the same. */
    static XMLGregorianCalendar viaCalendar(Instant at) {
        GregorianCalendar c = GregorianCalendar.from(at.atZone(ZoneOffset.UTC));
        XMLGregorianCalendar x = DATATYPES.newXMLGregorianCalendar(c);
        x.setMillisecond(javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED);
        return x;
    }

    public static XMLGregorianCalendar dateTime(LocalDate day) {
        return day == null ? null : dateTime(day.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** A date or dateTime as partners send it; null when absent. */
    public static Instant instant(XMLGregorianCalendar c) {
        if (c == null) {
            return null;
        }
        if (c.getTimezone() == javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED) {
            c = (XMLGregorianCalendar) c.clone();
            c.setTimezone(0);
        }
        return c.toGregorianCalendar().toInstant();
    }

    public static Amount amount(Money money, boolean minorUnits) {
        Amount a = new Amount();
        a.setCurrencyCode(svp("http://www.bsi-global.com/Technical+Information/Publications/_Publications/tig90x.doc", money.currency().getCurrencyCode()));
        a.setMonetaryValue(toWire(money, minorUnits));
        return a;
    }

    public static BigInteger toWire(Money money, boolean minorUnits) {
        int digits = Math.max(0, money.currency().getDefaultFractionDigits());
        BigDecimal v = minorUnits ? money.amount().movePointRight(digits) : money.amount();
        return v.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    /** An Amount as Money; the currency defaults when the partner left it out. Null when there is no value. */
    public static Money money(Amount a, Currency fallback, boolean minorUnits) {
        if (a == null || a.getMonetaryValue() == null) {
            return null;
        }
        Currency currency = fallback;
        String code = text(a.getCurrencyCode());
        if (code != null) {
            currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
        }
        BigDecimal v = new BigDecimal(a.getMonetaryValue());
        if (minorUnits) {
            v = v.movePointLeft(Math.max(0, currency.getDefaultFractionDigits()));
        }
        return new Money(v, currency);
    }
}
