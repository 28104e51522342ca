package org.stackbridge.ncip.config;

import java.util.Locale;

/**
 * Partner dialects: wording and quirks of the ILL systems that call us (reference §5, §7).
 *
 * @param okStatus              UserPrivilege STATUS value for a patron in good standing
 * @param blockedStatus         UserPrivilege STATUS value for a blocked patron
 * @param checkInNotOnLoanIsSuccess CheckInItem of an item that is not on loan answers success, not "Item Not Checked Out"
 */
public enum NcipDialect {
    RESHARE("OK", "BLOCKED", true),
    RELAIS("OK", "BLOCKED", true),
    TIPASA("ACTIVE", "BLOCKED", true),
    VDX("OK", "BLOCKED", true),
    GENERIC("OK", "BLOCKED", false);

    private final String okStatus;
    private final String blockedStatus;
    private final boolean checkInNotOnLoanIsSuccess;

    NcipDialect(String okStatus, String blockedStatus, boolean checkInNotOnLoanIsSuccess) {
        this.okStatus = okStatus;
        this.blockedStatus = blockedStatus;
        this.checkInNotOnLoanIsSuccess = checkInNotOnLoanIsSuccess;
    }

    public String okStatus() {
        return okStatus;
    }

    public String blockedStatus() {
        return blockedStatus;
    }

    public boolean checkInNotOnLoanIsSuccess() {
        return checkInNotOnLoanIsSuccess;
    }

    /** Case-insensitive; null or blank is GENERIC. */
    public static NcipDialect of(String name) {
        if (name == null || name.isBlank()) {
            return GENERIC;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown NCIP dialect '" + name + "' (reshare, relais, tipasa, vdx, generic)");
        }
    }
}
