package org.stackbridge.ncip.service;

import java.math.BigInteger;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.ncip.binding.v2.AccountBalance;
import org.stackbridge.ncip.binding.v2.AccountDetails;
import org.stackbridge.ncip.binding.v2.BlockOrTrap;
import org.stackbridge.ncip.binding.v2.ElectronicAddress;
import org.stackbridge.ncip.binding.v2.FiscalTransactionInformation;
import org.stackbridge.ncip.binding.v2.FiscalTransactionReferenceId;
import org.stackbridge.ncip.binding.v2.LoanedItem;
import org.stackbridge.ncip.binding.v2.LookupUser;
import org.stackbridge.ncip.binding.v2.LookupUserResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.NameInformation;
import org.stackbridge.ncip.binding.v2.PersonalNameInformation;
import org.stackbridge.ncip.binding.v2.PhysicalAddress;
import org.stackbridge.ncip.binding.v2.RequestedItem;
import org.stackbridge.ncip.binding.v2.StructuredAddress;
import org.stackbridge.ncip.binding.v2.StructuredPersonalUserName;
import org.stackbridge.ncip.binding.v2.UnstructuredAddress;
import org.stackbridge.ncip.binding.v2.UserAddressInformation;
import org.stackbridge.ncip.binding.v2.UserFiscalAccount;
import org.stackbridge.ncip.binding.v2.UserOptionalFields;
import org.stackbridge.ncip.binding.v2.UserPrivilege;
import org.stackbridge.ncip.binding.v2.UserPrivilegeStatus;
import org.stackbridge.ncip.mapping.NcipAddresses;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

import static org.stackbridge.ncip.mapping.NcipValues.svp;

/**
 * LookupUser: name, addresses, privileges (STATUS / PROFILE / LIBRARY, as ReShare and Relais read them) and
 * blocks always; loans, requests and the fiscal account when asked. A PIN or password given is checked.
 */
public final class LookupUserService extends NcipService<LookupUser, LookupUserResponse> {

    private static final String ADDRESS_ROLE = "http://www.niso.org/ncip/v1_0/imp1/schemes/useraddressroletype/useraddressroletype.scm";
    private static final String POSTAL_TYPE = "http://www.niso.org/ncip/v1_0/imp1/schemes/physicaladdresstype/physicaladdresstype.scm";
    private static final String ELECTRONIC = "http://www.niso.org/ncip/v1_0/imp1/schemes/electronicaddresstype/electronicaddresstype.scm";
    private static final String FISCAL_ACTION = "http://www.niso.org/ncip/v1_0/imp1/schemes/fiscalactiontype/fiscalactiontype.scm";
    private static final String FISCAL_TYPE = "http://www.niso.org/ncip/v1_0/imp1/schemes/fiscaltransactiontype/fiscaltransactiontype.scm";
    private static final String REQUEST_TYPE = "http://www.niso.org/ncip/v1_0/imp1/schemes/requesttype/requesttype.scm";
    private static final String REQUEST_STATUS = "http://www.niso.org/ncip/v1_0/imp1/schemes/requeststatustype/requeststatustype.scm";

    public LookupUserService() {
        super("LookupUser", NCIPMessage::getLookupUser, LookupUser::getInitiationHeader, NCIPMessage::setLookupUserResponse,
                LookupUserResponse::new, LookupUserResponse::getProblem, LookupUserResponse::setResponseHeader);
    }

    @Override
    protected boolean boundedAnswer(LookupUser q) {
        // loans, requests and fees grow with the patron's record
        return q.getLoanedItemsDesired() == null && q.getRequestedItemsDesired() == null && q.getUserFiscalAccountDesired() == null;
    }

    @Override
    public CompletionStage<LookupUserResponse> handle(LookupUser q, NcipExchange ex) {
        String barcode = Support.userBarcode(q.getUserId(), q.getAuthenticationInput());
        if (barcode == null) {
            return Support.done(problem(NcipProblems.missing("UserIdentifierValue", "UserId or a Barcode Id AuthenticationInput is required")));
        }
        String secret = Support.secret(q.getAuthenticationInput());
        // without loans, requests or the fiscal account asked for, the status alone: no loan, hold or fee lines read
        Commands.LookupPatron full = new Commands.LookupPatron(ex.context(), barcode, secret);
        return ex.execute(boundedAnswer(q) ? new Commands.LookupPatronBrief(full, Commands.PatronLines.NONE) : full).thenApply(out -> {
            if (!out.isSuccess()) {
                return problem(Support.refusal(name(), out, barcode, null, null));
            }
            Views.PatronInfo info = out.value();
            if (info.pin() == Views.PinCheck.INVALID) {
                return problem(NcipProblems.forService(name(), NcipProblems.USER_AUTH_FAILED,
                        info.pinLocked() ? "Too many PIN attempts; try again later" : "PIN or password does not match",
                        "AuthenticationInputData", null));
            }
            return answer(q, ex, barcode, info);
        });
    }

    private LookupUserResponse answer(LookupUser q, NcipExchange ex, String barcode, Views.PatronInfo info) {
        LookupUserResponse r = newResponse();
        String agency = ex.agencyForIds();
        r.setUserId(NcipValues.userId(agency, barcode));
        if (q.getUserFiscalAccountDesired() != null) {
            UserFiscalAccount acct = new UserFiscalAccount();
            AccountBalance bal = new AccountBalance();
            bal.setCurrencyCode(svp(info.balance().currency().getCurrencyCode()));
            bal.setMonetaryValue(NcipValues.toWire(info.balance(), ex.minorUnits()));
            acct.setAccountBalance(bal);
            for (Views.FeeLine fee : info.fees()) {
                AccountDetails d = new AccountDetails();
                d.setAccrualDate(NcipValues.dateTime(fee.createdAt()));
                FiscalTransactionInformation fti = new FiscalTransactionInformation();
                fti.setFiscalActionType(svp(FISCAL_ACTION, "Assess"));
                FiscalTransactionReferenceId ref = new FiscalTransactionReferenceId();
                ref.setAgencyId(svp(agency == null ? "" : agency));
                ref.setFiscalTransactionIdentifierValue(Long.toString(fee.feeId()));
                fti.setFiscalTransactionReferenceId(ref);
                fti.setFiscalTransactionType(svp(FISCAL_TYPE, CreateUserFiscalTransactionService.ncipFeeType(fee.type())));
                fti.setAmount(NcipValues.amount(fee.remaining(), ex.minorUnits()));
                if (fee.description() != null) {
                    fti.setFiscalTransactionDescription(fee.description());
                }
                d.setFiscalTransactionInformation(fti);
                acct.getAccountDetails().add(d);
            }
            r.getUserFiscalAccount().add(acct);
        }
        if (q.getLoanedItemsDesired() != null) {
            for (Views.LoanLine l : info.loans()) {
                LoanedItem li = new LoanedItem();
                li.setItemId(NcipValues.itemId(agency, l.itemBarcode()));
                li.setDateDue(NcipValues.dateTime(l.dueAt()));
                li.setTitle(l.title());
                r.getLoanedItem().add(li);
            }
        }
        if (q.getRequestedItemsDesired() != null) {
            for (Views.HoldLine h : info.holds()) {
                RequestedItem ri = new RequestedItem();
                ri.setRequestId(NcipValues.requestId(agency, Long.toString(h.holdId())));
                if (h.itemBarcode() != null) {
                    ri.setItemId(NcipValues.itemId(agency, h.itemBarcode()));
                }
                ri.setRequestType(svp(REQUEST_TYPE, "Hold"));
                ri.setRequestStatusType(svp(REQUEST_STATUS, h.available() ? "Available For Pickup" : "In Process"));
                ri.setDatePlaced(NcipValues.dateTime(h.placedAt()));
                ri.setPickupLocation(svp(h.pickupLibrary()));
                if (h.expiresOn() != null) {
                    ri.setPickupExpiryDate(NcipValues.dateTime(h.expiresOn()));
                }
                if (h.queuePosition() > 0) {
                    ri.setHoldQueuePosition(BigInteger.valueOf(h.queuePosition()));
                }
                ri.setTitle(h.title());
                r.getRequestedItem().add(ri);
            }
        }
        r.setUserOptionalFields(optionalFields(ex, info, Wanted.of(q)));
        return r;
    }

    /**
     * The UserElementTypes asked for; none named means all. UserOptionalFields itself is always written (ReShare
     * fails without it), and the privileges are always in it, since they carry the OK/BLOCKED status partners act on.
     */
    record Wanted(boolean name, boolean address, boolean blocks) {
        static final Wanted ALL = new Wanted(true, true, true);

        static Wanted of(LookupUser q) {
            if (q.getUserElementType().isEmpty()) {
                return ALL;
            }
            boolean name = false;
            boolean address = false;
            boolean blocks = false;
            for (org.stackbridge.ncip.binding.v2.SchemeValuePair t : q.getUserElementType()) {
                String v = NcipValues.text(t);
                String k = v == null ? "" : v.trim().toLowerCase(java.util.Locale.ROOT);
                name |= k.startsWith("name");
                address |= k.contains("address");
                blocks |= k.startsWith("block");
            }
            return new Wanted(name, address, blocks);
        }
    }

    private static UserOptionalFields optionalFields(NcipExchange ex, Views.PatronInfo info, Wanted wanted) {
        Views.PatronView p = info.patron();
        String agency = ex.agencyForIds();
        UserOptionalFields f = new UserOptionalFields();
        if (wanted.name()) {
            f.setNameInformation(name(p));
        }
        if (wanted.address()) {
            addresses(f, p);
        }
        privileges(f, ex, info, agency);
        if (wanted.blocks()) {
            blocks(f, info, agency);
        }
        return f;
    }

    private static NameInformation name(Views.PatronView p) {
        NameInformation name = new NameInformation();
        PersonalNameInformation personal = new PersonalNameInformation();
        String full = p.name() == null ? "" : p.name().trim();
        String[] split = NcipAddresses.givenAndSurname(full);
        StructuredPersonalUserName structured = new StructuredPersonalUserName();
        structured.setGivenName(split[0]);
        structured.setSurname(split[1]);
        personal.setStructuredPersonalUserName(structured);
        personal.setUnstructuredPersonalUserName(full);
        name.setPersonalNameInformation(personal);
        return name;
    }

    private static void addresses(UserOptionalFields f, Views.PatronView p) {
        if (p.address() != null && !p.address().isBlank()) {
            UserAddressInformation a = new UserAddressInformation();
            a.setUserAddressRoleType(svp(ADDRESS_ROLE, "Home"));
            PhysicalAddress pa = new PhysicalAddress();
            UnstructuredAddress ua = new UnstructuredAddress();
            ua.setUnstructuredAddressType(svp("http://www.niso.org/ncip/v1_0/imp1/schemes/unstructuredaddresstype/unstructuredaddresstype.scm", "Newline-Delimited Text"));
            ua.setUnstructuredAddressData(p.address());
            pa.setUnstructuredAddress(ua);
            pa.setPhysicalAddressType(svp(POSTAL_TYPE, "Postal Address"));
            a.setPhysicalAddress(pa);
            // the schema allows one form per PhysicalAddress: the structured one goes in a second entry
            StructuredAddress parsed = NcipAddresses.structured(p.address());
            if (parsed != null) {
                UserAddressInformation s = new UserAddressInformation();
                s.setUserAddressRoleType(svp(ADDRESS_ROLE, "Home"));
                PhysicalAddress structured = new PhysicalAddress();
                structured.setStructuredAddress(parsed);
                structured.setPhysicalAddressType(svp(POSTAL_TYPE, "Postal Address"));
                s.setPhysicalAddress(structured);
                f.getUserAddressInformation().add(s);
            }
            f.getUserAddressInformation().add(a);
        }
        if (p.email() != null && !p.email().isBlank()) {
            f.getUserAddressInformation().add(electronic("mailto", p.email()));
        }
        if (p.phone() != null && !p.phone().isBlank()) {
            f.getUserAddressInformation().add(electronic("tel", p.phone()));
        }
    }

    private static void privileges(UserOptionalFields f, NcipExchange ex, Views.PatronInfo info, String agency) {
        Views.PatronView p = info.patron();
        boolean blocked = !info.canBorrow() || !info.blocks().isEmpty();
        UserPrivilege status = privilege(agency, "STATUS", blocked ? ex.agency().blockedWording() : ex.agency().okWording());
        if (p.expires() != null) {
            status.setValidToDate(NcipValues.dateTime(p.expires()));
        }
        f.getUserPrivilege().add(status);
        f.getUserPrivilege().add(privilege(agency, "PROFILE", p.category()));
        f.getUserPrivilege().add(privilege(agency, "LIBRARY", p.homeLibrary()));
    }

    private static void blocks(UserOptionalFields f, Views.PatronInfo info, String agency) {
        for (Views.BlockLine b : info.blocks()) {
            f.getBlockOrTrap().add(block(agency, b.reason() == null || b.reason().isBlank() ? "Block" : b.reason()));
        }
        for (PatronFlag flag : info.flags()) {
            String text = switch (flag) {
                case CARD_REPORTED_LOST -> "Card Reported Lost";
                case TOO_MANY_ITEMS_CHARGED -> "Too Many Items Charged";
                case TOO_MANY_ITEMS_OVERDUE -> "Too Many Items Overdue";
                case EXCESSIVE_OUTSTANDING_FINES -> "Excessive Outstanding Fines";
                case EXCESSIVE_OUTSTANDING_FEES -> "Excessive Outstanding Fees";
                default -> null;
            };
            if (text != null) {
                f.getBlockOrTrap().add(block(agency, text));
            }
        }
    }

    private static UserAddressInformation electronic(String type, String value) {
        UserAddressInformation a = new UserAddressInformation();
        a.setUserAddressRoleType(svp(ADDRESS_ROLE, "Home"));
        ElectronicAddress e = new ElectronicAddress();
        e.setElectronicAddressType(svp(ELECTRONIC, type));
        e.setElectronicAddressData(value);
        a.setElectronicAddress(e);
        return a;
    }

    private static UserPrivilege privilege(String agency, String type, String value) {
        UserPrivilege up = new UserPrivilege();
        up.setAgencyId(svp(agency == null ? "" : agency));
        up.setAgencyUserPrivilegeType(svp(type));
        UserPrivilegeStatus st = new UserPrivilegeStatus();
        st.setUserPrivilegeStatusType(svp(value == null ? "" : value));
        up.setUserPrivilegeStatus(st);
        up.setUserPrivilegeDescription(value == null ? "" : value);
        return up;
    }

    private static BlockOrTrap block(String agency, String type) {
        BlockOrTrap b = new BlockOrTrap();
        b.setAgencyId(svp(agency == null ? "" : agency));
        b.setBlockOrTrapType(svp(type));
        return b;
    }

}
