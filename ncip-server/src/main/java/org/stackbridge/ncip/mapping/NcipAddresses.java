package org.stackbridge.ncip.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stackbridge.ncip.binding.v2.StructuredAddress;

/**
 * Our patron address is one free-text field (lines separated by newlines, semicolons or commas, e.g.
 * {@code 12 High Street\nSpringfield, IL 62704\nUS}); partners such as ReShare read the structured form. The split is
 * a best effort: first part Line1, a last part of two or three letters Country, a part "REGION POSTCODE" (or a bare
 * postcode) Region and PostalCode, the part before it Locality, anything between Line2.
 */
public final class NcipAddresses {

    private static final Pattern REGION_AND_POSTCODE = Pattern.compile("^(\\p{L}[\\p{L} .]*?)\\s+(\\p{Alnum}*\\d[\\p{Alnum} -]{1,9})$");
    private static final Pattern POSTCODE = Pattern.compile("^\\p{Alnum}*\\d[\\p{Alnum} -]{1,9}$");
    private static final Pattern COUNTRY = Pattern.compile("^\\p{Lu}{2,3}$");

    private NcipAddresses() {
    }

    /** Our free-text address as a StructuredAddress; null when blank. */
    public static StructuredAddress structured(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String piece : address.split("[\\n;,]")) {
            if (!piece.isBlank()) {
                parts.add(piece.trim());
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        StructuredAddress s = new StructuredAddress();
        s.setLine1(parts.remove(0));
        if (!parts.isEmpty() && COUNTRY.matcher(parts.get(parts.size() - 1)).matches()) {
            s.setCountry(parts.remove(parts.size() - 1));
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            Matcher m = REGION_AND_POSTCODE.matcher(parts.get(i));
            boolean both = m.matches();
            if (both || POSTCODE.matcher(parts.get(i)).matches()) {
                if (both) {
                    s.setRegion(m.group(1));
                    s.setPostalCode(m.group(2));
                } else {
                    s.setPostalCode(parts.get(i));
                }
                parts.remove(i);
                break;
            }
        }
        if (!parts.isEmpty()) {
            s.setLocality(parts.remove(parts.size() - 1));
        }
        if (!parts.isEmpty()) {
            s.setLine2(String.join(", ", parts));
        }
        return s;
    }

    /** {@code [given, surname]} of a name written "Last, First" or "First Last". */
    public static String[] givenAndSurname(String full) {
        String name = full == null ? "" : full.trim();
        int comma = name.indexOf(',');
        if (comma >= 0) {
            String surname = name.substring(0, comma).trim();
            String given = name.substring(comma + 1).trim();
            return new String[] {given.isEmpty() ? null : given, surname};
        }
        int space = name.lastIndexOf(' ');
        return space > 0 ? new String[] {name.substring(0, space), name.substring(space + 1)} : new String[] {null, name};
    }
}
