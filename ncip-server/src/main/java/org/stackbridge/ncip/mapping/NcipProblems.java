package org.stackbridge.ncip.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.ncip.binding.v2.Problem;

/** NCIP Problem elements: the spec's ProblemType values with their schemes, and refusal reasons mapped onto them. */
public final class NcipProblems {

    private static final String BASE = "http://www.niso.org/ncip/v1_0/schemes/processingerrortype/";
    public static final String GENERAL = BASE + "generalprocessingerror.scm";
    public static final String MESSAGING = "http://www.niso.org/ncip/v1_0/schemes/messagingerrortype/messagingerrortype.scm";

    public static final String UNSUPPORTED_SERVICE = "Unsupported Service";
    public static final String UNKNOWN_AGENCY = "Unknown Agency";
    public static final String AGENCY_AUTH_FAILED = "Agency Authentication Failed";
    public static final String NEEDED_DATA_MISSING = "Needed Data Missing";
    public static final String TEMPORARY_FAILURE = "Temporary Processing Failure";
    public static final String INVALID_AMOUNT = "Invalid Amount";
    public static final String UNKNOWN_USER = "Unknown User";
    public static final String UNKNOWN_ITEM = "Unknown Item";
    public static final String UNKNOWN_REQUEST = "Unknown Request";
    public static final String USER_AUTH_FAILED = "User Authentication Failed";
    public static final String USER_BLOCKED = "User Blocked";
    public static final String ELEMENT_RULE_VIOLATED = "Element Rule Violated";

    private NcipProblems() {
    }

    /**
     * The Problem Type values of each processing-error scheme NCIP defines (Z39.83-1, the v1_0 scheme files). Only
     * these schemes exist: services without their own list (DeleteItem, RecallItem, LookupItemSet, ...) use the general
     * one, or the closest service's list for a value only that list has (Unknown Item from LookupItem, ...).
     */
    private static final Map<String, Set<String>> SCHEMES = schemes();

    private static Map<String, Set<String>> schemes() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("generalprocessingerror.scm", Set.of("Agency Authentication Failed", "Invalid Amount", "Invalid Date", NEEDED_DATA_MISSING,
                "System Authentication Failed", TEMPORARY_FAILURE, "Unauthorized Combination Of Element Values For Agency",
                "Unauthorized Combination Of Element Values For System", "Unauthorized Service For Agency",
                "Unauthorized Service For System", UNKNOWN_AGENCY, "Unknown System", UNSUPPORTED_SERVICE));
        m.put("lookupuserprocessingerror.scm", Set.of(ELEMENT_RULE_VIOLATED, "Non-Unique User", UNKNOWN_USER, "User Access Denied",
                USER_AUTH_FAILED));
        m.put("lookupitemprocessingerror.scm", Set.of(ELEMENT_RULE_VIOLATED, "Item Access Denied", "Non-Unique Item", UNKNOWN_ITEM));
        m.put("checkoutitemprocessingerror.scm", Set.of("Item Does Not Circulate", "Maximum Check Outs Exceeded",
                "Resource Cannot Be Provided", UNKNOWN_ITEM, UNKNOWN_REQUEST, UNKNOWN_USER, "Unsupported Shipping Address Type",
                USER_AUTH_FAILED, USER_BLOCKED, "User Ineligible To Check Out This Item"));
        m.put("checkinitemprocessingerror.scm", Set.of("Item Not Checked Out", UNKNOWN_ITEM));
        m.put("renewitemprocessingerror.scm", Set.of("Item Not Checked Out", "Item Not Renewable", "Maximum Renewals Exceeded",
                "Renewal Not Allowed - Item Has Outstanding Requests", UNKNOWN_ITEM, UNKNOWN_USER, USER_AUTH_FAILED, USER_BLOCKED,
                "User Ineligible To Renew This Item"));
        m.put("requestitemprocessingerror.scm", Set.of("Duplicate Request", ELEMENT_RULE_VIOLATED, "Item Does Not Circulate",
                "Item Not Available By Need Before Date", UNKNOWN_ITEM, UNKNOWN_USER, USER_AUTH_FAILED, USER_BLOCKED,
                "User Ineligible To Request This Item"));
        m.put("cancelrequestitemprocessingerror.scm", Set.of(ELEMENT_RULE_VIOLATED, "Request Already Processed", UNKNOWN_ITEM,
                UNKNOWN_REQUEST, UNKNOWN_USER, USER_AUTH_FAILED));
        m.put("acceptitemprocessingerror.scm", Set.of("Cannot Accept Item", "Cannot Guarantee Restrictions On Use", ELEMENT_RULE_VIOLATED,
                UNKNOWN_ITEM, UNKNOWN_REQUEST, UNKNOWN_USER, "User Ineligible To Check Out This Item"));
        return Map.copyOf(m);
    }

    /** Lists searched, in this order, for a value the service's own list (if any) does not have. */
    private static final List<String> FALLBACK_ORDER = List.of("generalprocessingerror.scm", "lookupuserprocessingerror.scm",
            "lookupitemprocessingerror.scm", "checkinitemprocessingerror.scm", "cancelrequestitemprocessingerror.scm",
            "requestitemprocessingerror.scm", "checkoutitemprocessingerror.scm", "acceptitemprocessingerror.scm");

    /**
     * The NCIP-defined processing-error scheme for {@code type} in {@code service}: the service's own scheme when it has
     * one that lists the value, else the first defined scheme that does, else the service's own or the general scheme.
     */
    public static String schemeOf(String service, String type) {
        String own = service.toLowerCase(Locale.ROOT) + "processingerror.scm";
        if (SCHEMES.containsKey(own) && SCHEMES.get(own).contains(type)) {
            return BASE + own;
        }
        for (String s : FALLBACK_ORDER) {
            if (SCHEMES.get(s).contains(type)) {
                return BASE + s;
            }
        }
        return SCHEMES.containsKey(own) ? BASE + own : GENERAL;
    }

    public static Problem problem(String scheme, String type, String detail, String element, String value) {
        Problem p = new Problem();
        p.setProblemType(NcipValues.svp(scheme, type));
        p.setProblemDetail(detail);
        p.setProblemElement(element);
        p.setProblemValue(value);
        return p;
    }

    public static Problem general(String type, String detail, String element, String value) {
        return problem(SCHEMES.get("generalprocessingerror.scm").contains(type) ? GENERAL : schemeOf("", type), type, detail, element, value);
    }

    public static Problem forService(String service, String type, String detail, String element, String value) {
        return problem(schemeOf(service, type), type, detail, element, value);
    }

    public static Problem missing(String element, String detail) {
        return general(NEEDED_DATA_MISSING, detail, element, null);
    }

    /** What the refusal identifies: the user, the item or the request, with the value the partner sent. */
    public record Subject(String userBarcode, String itemBarcode, String requestId) {
    }

    /**
     * Maps an engine refusal onto the service's Problem. Texts stay short and stable: ILL clients show them to staff.
     */
    public static Problem fromRefusal(String service, Outcome.Refused<?> r, Subject s) {
        RefusalReason reason = r.reason();
        String msg = r.message();
        return switch (reason) {
            case UNKNOWN_PATRON -> forService(service, UNKNOWN_USER, msg, "UserIdentifierValue", s.userBarcode());
            case UNKNOWN_ITEM, UNKNOWN_BIB -> forService(service, UNKNOWN_ITEM, msg, "ItemIdentifierValue", s.itemBarcode());
            case OUT_OF_INSTITUTION -> forService(service, s.itemBarcode() != null ? UNKNOWN_ITEM : UNKNOWN_USER, msg,
                    s.itemBarcode() != null ? "ItemIdentifierValue" : "UserIdentifierValue",
                    s.itemBarcode() != null ? s.itemBarcode() : s.userBarcode());
            case INVALID_PIN, PIN_REQUIRED, PIN_LOCKED, INVALID_CREDENTIALS -> forService(service, USER_AUTH_FAILED, msg, "AuthenticationInputData", null);
            case PATRON_BLOCKED, PATRON_EXPIRED, CARD_LOST, EXCESSIVE_FINES ->
                    forService(service, USER_BLOCKED, msg, "UserIdentifierValue", s.userBarcode());
            case TOO_MANY_LOANS -> forService(service, "Maximum Check Outs Exceeded", msg, "UserIdentifierValue", s.userBarcode());
            case ITEM_NOT_CIRCULATING, NO_POLICY -> forService(service, "Item Does Not Circulate", msg, "ItemIdentifierValue", s.itemBarcode());
            case ITEM_NOT_AVAILABLE, ITEM_ON_HOLD_FOR_OTHER, ITEM_CHECKED_OUT_TO_OTHER -> forService(service,
                    service.startsWith("Request") ? "User Ineligible To Request This Item"
                            : service.startsWith("Renew") ? "User Ineligible To Renew This Item"
                            : "User Ineligible To Check Out This Item", msg, "ItemIdentifierValue", s.itemBarcode());
            case ITEM_NOT_CHECKED_OUT -> forService(service, "Item Not Checked Out", msg, "ItemIdentifierValue", s.itemBarcode());
            case RENEWAL_LIMIT -> forService(service, "Maximum Renewals Exceeded", msg, "ItemIdentifierValue", s.itemBarcode());
            case RENEWAL_BLOCKED_BY_HOLD -> forService(service, "Renewal Not Allowed - Item Has Outstanding Requests", msg,
                    "ItemIdentifierValue", s.itemBarcode());
            case HOLDS_NOT_ALLOWED -> forService(service, "User Ineligible To Request This Item", msg, "ItemIdentifierValue", s.itemBarcode());
            case DUPLICATE_HOLD -> forService(service, "Duplicate Request", msg, "RequestIdentifierValue", s.requestId());
            case UNKNOWN_HOLD, UNKNOWN_ILL_REQUEST -> forService(service, UNKNOWN_REQUEST, msg, "RequestIdentifierValue", s.requestId());
            case OVERPAYMENT, CURRENCY_MISMATCH, INVALID_AMOUNT, NOTHING_OWED -> general(INVALID_AMOUNT, msg, "MonetaryValue", null);
            case UNKNOWN_FEE -> general(ELEMENT_RULE_VIOLATED, msg, "FiscalTransactionReferenceId", null);
            // blocks are lifted by id through the staff API only; NCIP never names one
            case UNKNOWN_BLOCK -> general(ELEMENT_RULE_VIOLATED, msg, "BlockOrTrap", null);
            case UNKNOWN_LIBRARY -> general(ELEMENT_RULE_VIOLATED, msg, "PickupLocation", null);
            case DUPLICATE -> forService(service, "AcceptItem".equals(service) ? "Duplicate Item" : "Duplicate Request", msg,
                    "AcceptItem".equals(service) ? "ItemIdentifierValue" : "RequestIdentifierValue",
                    "AcceptItem".equals(service) ? s.itemBarcode() : s.requestId());
            case INVALID_TRANSITION -> switch (service) {
                case "AcceptItem" -> forService(service, "Cannot Accept Item", msg, "RequestIdentifierValue", s.requestId());
                case "CancelRequestItem" -> forService(service, "Request Already Processed", msg, "RequestIdentifierValue", s.requestId());
                case "CheckOutItem" -> forService(service, "User Ineligible To Check Out This Item", msg, "ItemIdentifierValue", s.itemBarcode());
                default -> general("Unauthorized Combination Of Element Values For Agency", msg, "ItemIdentifierValue", s.itemBarcode());
            };
            case INVALID_REQUEST -> forService(service, ELEMENT_RULE_VIOLATED, msg, null, null);
            // administration refusals (staff API); no NCIP service sends those commands
            case UNKNOWN_RECORD, INVALID_FIELD, DEFINED_IN_CONFIGURATION -> general(ELEMENT_RULE_VIOLATED, msg, null, null);
            case SYSTEM_ERROR, SERVICE_UNAVAILABLE -> general(TEMPORARY_FAILURE, "Temporary processing failure; please retry", null, null);
        };
    }
}
