package org.stackbridge.core.outcome;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;

/** Protocol-neutral result values returned by the engine. */
public final class Views {

    private Views() {
    }

    public enum PinCheck { NOT_CHECKED, VALID, INVALID }

    public record PatronView(long id, String barcode, String name, String category, String email, String phone,
                             String address, LocalDate expires, String homeLibrary, String institution, LocalDate birthDate,
                             org.stackbridge.core.model.NoticePreference noticePreference, String language,
                             boolean cardLost) implements Serializable {

        /** A patron view without birth date, notice preference and language. */
        public PatronView(long id, String barcode, String name, String category, String email, String phone,
                          String address, LocalDate expires, String homeLibrary, String institution) {
            this(id, barcode, name, category, email, phone, address, expires, homeLibrary, institution, null, null, null, false);
        }
    }

    /** A loan as the patron sees it. */
    public record LoanLine(String itemBarcode, String title, Instant issuedAt, Instant dueAt, int renewals,
                           boolean overdue) implements Serializable {
    }

    public record HoldLine(long holdId, String itemBarcode, String bibControlNumber, String title, String pickupLibrary,
                           HoldStatus status, int queuePosition, LocalDate expiresOn, Instant placedAt) implements Serializable {
        /** Available = on the shelf waiting for pickup. */
        public boolean available() {
            return status == HoldStatus.READY;
        }
    }

    public record FeeLine(long feeId, FeeType type, Money amount, Money remaining, String itemBarcode, String description,
                          Instant createdAt) implements Serializable {
    }

    /** A block as staff see it: what it blocks, its type, the reason shown to the patron, the staff note, who placed it and when. */
    public record BlockLine(long blockId, String source, boolean borrow, boolean renew, boolean request, String reason,
                            org.stackbridge.core.model.BlockType type, String note, String placedBy, Instant created,
                            Instant expires) implements Serializable {

        /** A manual block line without note, placer or times. */
        public BlockLine(long blockId, String source, boolean borrow, boolean renew, boolean request, String reason) {
            this(blockId, source, borrow, renew, request, reason, org.stackbridge.core.model.BlockType.MANUAL, null, null, null, null);
        }
    }

    /**
     * Everything the protocols report about a patron. Lists are ordered (loans by due date, fees oldest first).
     * {@code pinLocked}: too many failed PIN attempts; every PIN is refused until the lock ends (SIP2 CQ N).
     */
    public record PatronInfo(PatronView patron, Set<PatronFlag> flags, PinCheck pin, Money balance, Money feeLimit,
                             List<LoanLine> loans, List<HoldLine> holds, List<FeeLine> fees, List<BlockLine> blocks,
                             int maxLoans, boolean canBorrow, boolean pinLocked) implements Serializable {

        /** Patron information without a PIN lock. */
        public PatronInfo(PatronView patron, Set<PatronFlag> flags, PinCheck pin, Money balance, Money feeLimit,
                          List<LoanLine> loans, List<HoldLine> holds, List<FeeLine> fees, List<BlockLine> blocks,
                          int maxLoans, boolean canBorrow) {
            this(patron, flags, pin, balance, feeLimit, loans, holds, fees, blocks, maxLoans, canBorrow, false);
        }

        public PatronInfo {
            flags = Set.copyOf(flags);
            loans = List.copyOf(loans);
            holds = List.copyOf(holds);
            fees = List.copyOf(fees);
            blocks = List.copyOf(blocks);
        }

        public List<LoanLine> overdueLoans() {
            return loans.stream().filter(LoanLine::overdue).toList();
        }

        public List<HoldLine> availableHolds() {
            return holds.stream().filter(HoldLine::available).toList();
        }

        public List<HoldLine> unavailableHolds() {
            return holds.stream().filter(h -> !h.available()).toList();
        }
    }

    public record ItemInfo(long itemId, String barcode, String bibControlNumber, String title, String author, String isbn,
                           String itemType, ItemStatus status, String homeLibrary, String currentLibrary, String institution,
                           String location, String callNumber, Money price, Instant dueAt, String borrowerBarcode,
                           int holdQueueLength, String holdPickupLibrary, String inTransitTo, LocalDate holdShelfExpires,
                           boolean illTemporary) implements Serializable {
    }

    /** The items of one bib, in item id order; empty when the bib has none or does not exist. */
    public record BibItems(long bibId, java.util.List<ItemInfo> items) implements Serializable {
        public BibItems {
            items = java.util.List.copyOf(items);
        }
    }

    public record CheckedOut(ItemInfo item, PatronView patron, Instant dueAt, boolean renewal, int renewals,
                             Money fee, boolean offline) implements Serializable {
    }

    /** Hold-trap routing after a check-in: where the item must go and for whom. */
    public record HoldTrap(long holdId, String pickupLibrary, boolean inTransit, String patronBarcode, String patronName,
                           LocalDate shelfExpiresOn) implements Serializable {
    }

    public enum ReturnDestination { RESHELVE, HOLD_SHELF, TRANSIT_FOR_HOLD, TRANSIT_HOME, ILL_RETURN }

    /**
     * @param wasCheckedOut false when the item was not on loan (still a successful check-in)
     * @param fine          the overdue fine assessed, zero if none
     * @param destination   where the item goes next (the sort bin)
     */
    public record CheckedIn(ItemInfo item, boolean wasCheckedOut, PatronView previousBorrower, Money fine,
                            HoldTrap hold, ReturnDestination destination, String destinationLibrary,
                            Instant returnedAt) implements Serializable {
        public boolean alert() {
            return hold != null || destination == ReturnDestination.TRANSIT_HOME || destination == ReturnDestination.ILL_RETURN;
        }
    }

    public record Renewed(ItemInfo item, PatronView patron, Instant dueAt, int renewals) implements Serializable {
    }

    public record RenewFailure(String itemBarcode, RefusalReason reason, String message) implements Serializable {
    }

    public record RenewedAll(PatronView patron, List<Renewed> renewed, List<RenewFailure> refused) implements Serializable {
        public RenewedAll {
            renewed = List.copyOf(renewed);
            refused = List.copyOf(refused);
        }
    }

    public record HoldPlaced(long holdId, PatronView patron, String bibControlNumber, String title, String itemBarcode,
                             String pickupLibrary, int queuePosition, LocalDate expiresOn, boolean available) implements Serializable {
    }

    public record HoldCancelled(long holdId, PatronView patron, String bibControlNumber, String itemBarcode) implements Serializable {
    }

    public record FeeAllocation(long feeId, BigDecimal amount) implements Serializable {
    }

    /** A credit applied; {@code replay} is true when the transaction id was seen before. */
    public record FeePaid(long creditId, PatronView patron, Money amount, List<FeeAllocation> allocations, Money balance,
                          String transactionId, boolean replay) implements Serializable {
        public FeePaid {
            allocations = List.copyOf(allocations);
        }
    }

    public record FeeAssessed(long feeId, PatronView patron, FeeType type, Money amount, Money balance) implements Serializable {
    }

    /** A verified terminal account: the institution it is bound to and its profile name. */
    /** One page of the hold expiry job: how many open holds it examined and expired, and where to go on. */
    public record HoldsExpired(int examined, int expired, long lastId, boolean done) implements Serializable {
    }

    public record TerminalLogin(String login, String institution, String profile) implements Serializable {
    }

    /** A library (branch) and the institution it belongs to. */
    /** A library; {@code timezone} is its zone id, in which SIP2 dates for its terminals are written. */
    public record LibraryView(String code, String name, String institution, String timezone) implements Serializable {
    }

    // ---------------------------------------------------------------- the fee ledger at the desk (issue #11)

    /** A dispute of a fee; {@code state} is {@code open}, {@code upheld} or {@code rejected}. */
    public record DisputeView(long disputeId, long feeId, String patronBarcode, String state, String note, Instant openedAt,
                              String openedBy, Instant resolvedAt, String resolvedBy, String resolutionNote, Money feeOutstanding,
                              Money balance) implements Serializable {
    }

    /**
     * A fee as the desk sees it: what it was, what it still owes, what was paid, waived and refunded on it, and its
     * latest dispute (null when never disputed). {@code status} is {@code open} or {@code closed}; {@code disputed}
     * whether a dispute is open, so the fee does not count towards the fee block.
     */
    public record FeeDetail(long feeId, FeeType type, String status, Money amount, Money outstanding, Money paid, Money waived,
                            Money refunded, String itemBarcode, String description, Instant createdAt, Instant lastActivityAt,
                            boolean disputed, DisputeView dispute) implements Serializable {
    }

    /** One page of a patron's fees; {@code blockingBalance} is what counts towards the fee limit. */
    public record FeeList(PatronView patron, List<FeeDetail> fees, int page, int perPage, int total, Money balance,
                          Money blockingBalance) implements Serializable {
        public FeeList {
            fees = List.copyOf(fees);
        }
    }

    /** One fee a payment went to: what it paid on it. */
    public record ReceiptLine(long feeId, FeeType type, String description, String itemBarcode, Money feeAmount, Money paid)
            implements Serializable {
    }

    /** A payment's receipt, for printing: where, who, what it paid on each fee, and the balance left afterwards. */
    public record Receipt(long paymentId, String receiptNumber, String library, String libraryName, String patronBarcode,
                          String patronName, List<ReceiptLine> lines, Money paid, String paymentType, String note,
                          Money remainingBalance, String staff, Instant at) implements Serializable {
        public Receipt {
            lines = List.copyOf(lines);
        }
    }

    /** A waiver or refund on one fee. */
    public record FeeCredited(long creditId, long feeId, String patronBarcode, CreditType type, Money amount, String reason,
                              Money feeOutstanding, Money balance) implements Serializable {
    }

    /** Payments of one kind in a cashier summary. */
    public record PaymentTotal(String paymentType, int count, Money total) implements Serializable {
    }

    /** One staff member's part of a cashier summary. */
    public record StaffTotal(String staff, int payments, Money paid, Money waived, Money refunded) implements Serializable {
    }

    /** A library's day at the cash desk: payments by type, waivers and refunds, and who took them. */
    public record CashierSummary(String library, LocalDate date, int payments, Money paid, List<PaymentTotal> byPaymentType,
                                 Money waived, Money refunded, List<StaffTotal> byStaff) implements Serializable {
        public CashierSummary {
            byPaymentType = List.copyOf(byPaymentType);
            byStaff = List.copyOf(byStaff);
        }
    }

    // ---------------------------------------------------------------- the staff holds desk (issue #11)

    /**
     * One hold as staff see it. {@code itemBarcode}: the item of an item-level hold; {@code trappedItemBarcode}: the
     * item set aside for it; {@code queuePosition}: its place among the title's open holds (1 = next).
     */
    public record HoldView(long holdId, String patronBarcode, String patronName, String bibControlNumber, String title,
                           String itemBarcode, String trappedItemBarcode, String pickupLibrary, HoldStatus status, int queuePosition,
                           Instant placedAt, LocalDate expiresOn, boolean suspended, LocalDate suspendedUntil,
                           LocalDate shelfExpiresOn) implements Serializable {
    }

    /** A hold an item on this library's shelves can fill: where to find the item and whom it is for. */
    public record PullLine(long holdId, String bibControlNumber, String title, String author, String itemBarcode, String callNumber,
                           String location, String patronBarcode, String patronName, String pickupLibrary,
                           Instant placedAt) implements Serializable {
    }

    /** An item on the hold shelf whose hold was not collected by its shelf expiry date. */
    public record ShelfLine(long holdId, String itemBarcode, String title, String callNumber, String patronBarcode, String patronName,
                            String pickupLibrary, LocalDate shelfExpiresOn, HoldStatus holdStatus) implements Serializable {
    }

    /** Why an item travels: to fill a hold at another library, or back to its home library. */
    public enum TransitReason { HOLD, HOME }

    /**
     * An item in transit: from where, to where, since when (its last logged circulation event, the check-in that sent
     * it), why, and for a hold whose.
     */
    public record TransitLine(String itemBarcode, String title, String callNumber, String fromLibrary, String toLibrary, Instant since,
                              TransitReason reason, Long holdId, String patronBarcode) implements Serializable {
    }
}
