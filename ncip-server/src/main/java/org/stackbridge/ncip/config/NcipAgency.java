package org.stackbridge.ncip.config;

import java.util.List;
import java.util.Map;

/**
 * A partner agency, keyed by its FromAgencyId in {@link NcipSettings#agencies()}.
 *
 * @param sharedSecret   expected FromAgencyAuthentication (null = not checked)
 * @param ipAllowlist    addresses or CIDR ranges the partner calls from (empty = any)
 * @param dialect        reshare, relais, tipasa, vdx or generic
 * @param libraries      ToAgencyId → our library, as "INSTITUTION" or "INSTITUTION/BRANCH" (adds to the global map)
 * @param defaults       per-partner defaults over the global ones
 * @param okStatus       overrides the dialect's UserPrivilege STATUS wording for a patron in good standing
 * @param blockedStatus  overrides the dialect's wording for a blocked patron
 * @param checkInNotOnLoanIsSuccess overrides the dialect's check-in leniency
 * @param path           an extra endpoint path for this partner; messages there without FromAgencyId are this partner's
 */
public record NcipAgency(String sharedSecret, List<String> ipAllowlist, String dialect, Map<String, String> libraries,
                         NcipDefaults defaults, String okStatus, String blockedStatus, Boolean checkInNotOnLoanIsSuccess,
                         String path) {

    public NcipAgency {
        ipAllowlist = ipAllowlist == null ? List.of() : List.copyOf(ipAllowlist);
        libraries = libraries == null ? Map.of() : Map.copyOf(libraries);
        defaults = defaults == null ? NcipDefaults.standard() : defaults;
        NcipDialect.of(dialect); // fail at load time on a typo
        for (String entry : ipAllowlist) {
            IpRange.parse(entry);
        }
    }

    public static NcipAgency open(String dialect) {
        return new NcipAgency(null, null, dialect, null, null, null, null, null, null);
    }

    public NcipDialect profile() {
        return NcipDialect.of(dialect);
    }

    public String okWording() {
        return okStatus != null ? okStatus : profile().okStatus();
    }

    public String blockedWording() {
        return blockedStatus != null ? blockedStatus : profile().blockedStatus();
    }

    public boolean lenientCheckIn() {
        return checkInNotOnLoanIsSuccess != null ? checkInNotOnLoanIsSuccess : profile().checkInNotOnLoanIsSuccess();
    }

    @Override
    public String toString() {
        // never print the secret
        return "NcipAgency[dialect=" + dialect + ", secret=" + (sharedSecret == null ? "none" : "***") + ", ips=" + ipAllowlist + "]";
    }
}
