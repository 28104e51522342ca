package org.stackbridge.core.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;

/**
 * What the rules know about a patron at one instant: the command's own time ({@code at}; its offline time
 * when it has one) and that instant's date at the patron's home library. Built once per decision by the
 * engine, so every decision and the patron-status view read the same facts.
 *
 * @param blocks         the patron's manual blocks, active or not; rules ask {@link #activeBlocks()}
 * @param overdueLoans   open loans overdue at {@code at}
 * @param owesOverdueFines whether any open fee is an overdue fine (SIP2 tells fines from fees)
 * @param maxLoans       the loan limit of the circulation rule in effect; 0 for none
 * @param feeLimit       a balance at or above this blocks borrowing; 0 disables the check
 * @param maxOverdue     this many overdue loans block borrowing; 0 disables the check
 * @param blockingBalance the part of {@code balance} that counts towards the fee limit ({@link FeeBlockPolicy})
 */
public record PatronStanding(Patron patron, Instant at, LocalDate today, List<PatronBlock> blocks, int openLoans,
                             long overdueLoans, Money balance, boolean owesOverdueFines, int maxLoans,
                             BigDecimal feeLimit, int maxOverdue, Money blockingBalance) {

    public PatronStanding {
        blocks = List.copyOf(blocks);
    }

    /** A standing where the whole balance counts towards the fee limit (no fee under dispute). */
    public PatronStanding(Patron patron, Instant at, LocalDate today, List<PatronBlock> blocks, int openLoans,
                          long overdueLoans, Money balance, boolean owesOverdueFines, int maxLoans,
                          BigDecimal feeLimit, int maxOverdue) {
        this(patron, at, today, blocks, openLoans, overdueLoans, balance, owesOverdueFines, maxLoans, feeLimit, maxOverdue, balance);
    }

    public List<PatronBlock> activeBlocks() {
        return blocks.stream().filter(b -> b.activeAt(at)).toList();
    }

    public boolean expired() {
        return patron.isExpired(today);
    }

    /** The first block active at {@code at} of the given kind. */
    public Optional<PatronBlock> activeBlock(java.util.function.Predicate<PatronBlock> kind) {
        return blocks.stream().filter(b -> b.activeAt(at) && kind.test(b)).findFirst();
    }
}
