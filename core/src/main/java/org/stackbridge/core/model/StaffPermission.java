package org.stackbridge.core.model;

/** What a staff member may do; granted through {@link StaffRole}. */
public enum StaffPermission {
    /** Check out, check in, renew, place and cancel holds. */
    CIRCULATION,
    /** Look up and edit patrons, block and unblock them. */
    PATRONS,
    /** Assess, take payment for and waive fees. */
    FEES,
    /** Override a refusal (loan limit, hold for another, blocks). */
    OVERRIDE,
    /** Change an item's status or location (lost, missing, damaged, in process). */
    ITEM_STATUS,
    /** Create and edit bibliographic records and items. */
    CATALOGUING,
    /** Interlibrary loan requests. */
    ILL,
    /** Staff accounts. */
    ACCOUNTS,
    /** SIP2 terminal accounts and profiles. */
    TERMINALS,
    /** Libraries, branches and calendars. */
    LIBRARIES,
    /** Circulation rules. */
    RULES,
    /** Bulk imports. */
    IMPORTS,
    /** Usage reports (circulation, collection, kiosks, overdue list). */
    REPORTS,
    /** Run the notices job on demand (seeing notices needs {@link #REPORTS}). */
    NOTICES,
    /** Reload the gateway's configuration files (terminal accounts, profiles, agencies, rules, templates). */
    CONFIGURATION
}
