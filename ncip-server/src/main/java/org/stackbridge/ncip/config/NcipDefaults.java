package org.stackbridge.ncip.config;

import java.math.BigDecimal;

/**
 * Defaults applied to a partner's messages.
 *
 * @param illItemType    item type of temporary ILL items (AcceptItem)
 * @param location       shelf location of temporary ILL items
 * @param illFee         fee assessed to our patron for a borrowed item (null = none)
 * @param lendingPatron  barcode of the patron that stands for the partner library (RequestItem/CheckOutItem when lending)
 * @param pickupLibrary  our library where borrowed items wait when the message names none (null = patron's home)
 * @param minorUnits     MonetaryValue is in the currency's minor unit (250 = 2.50) as the standard says; false for partners
 *                       that send whole units
 */
public record NcipDefaults(String illItemType, String location, BigDecimal illFee, String lendingPatron, String pickupLibrary,
                           Boolean minorUnits) {

    public NcipDefaults {
        illItemType = illItemType == null || illItemType.isBlank() ? "ILL" : illItemType;
        location = location == null || location.isBlank() ? "ILL hold shelf" : location;
        minorUnits = minorUnits == null ? Boolean.TRUE : minorUnits;
        illFee = illFee == null ? null : illFee.setScale(2, java.math.RoundingMode.HALF_EVEN);
    }

    public static NcipDefaults standard() {
        return new NcipDefaults(null, null, null, null, null, null);
    }

    /** Fields of {@code this} win; unset ones come from {@code base}. */
    public NcipDefaults over(NcipDefaults base) {
        if (base == null) {
            return this;
        }
        return new NcipDefaults(illItemType, location, illFee != null ? illFee : base.illFee,
                lendingPatron != null ? lendingPatron : base.lendingPatron, pickupLibrary != null ? pickupLibrary : base.pickupLibrary,
                minorUnits);
    }
}
