package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.testing.SeededCases;

/** Payments allocate exactly what was paid, oldest first, and never more than is owed. Reproduce with -Dsb.seed. */
class FeeAllocationPropertyTest {

    private static final long BASE_SEED = SeededCases.BASE_SEED;

    private static Money usd(long cents) {
        return new Money(BigDecimal.valueOf(cents, 2), java.util.Currency.getInstance("USD"));
    }

    @Test
    void allocationsSumToThePaymentAndNeverExceedWhatIsOwed() {
        SeededCases.run("FeeAllocationPropertyTest.allocationsSumToThePaymentAndNeverExceedWhatIsOwed", BASE_SEED + 5000, 100, this::allocationsSumToThePaymentAndNeverExceedWhatIsOwedCase);
    }

    private void allocationsSumToThePaymentAndNeverExceedWhatIsOwedCase(long seed) {
        Random r = new Random(seed);
        try (World w = new World()) {
            w.patron("P1");
            int fees = 1 + r.nextInt(6);
            for (int i = 0; i < fees; i++) {
                w.ok(new Commands.AssessFee(w.ctx(), "P1", FeeType.values()[r.nextInt(FeeType.values().length)],
                        usd(1 + r.nextInt(2000)), null, null));
                w.advance(Duration.ofMinutes(1 + r.nextInt(600)));
            }
            List<String> usedIds = new ArrayList<>();
            for (int p = 0; p < 12; p++) {
                List<Fee> open = w.openFees("P1");
                BigDecimal balance = open.stream().map(Fee::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
                Map<Long, BigDecimal> before = new HashMap<>();
                open.forEach(f -> before.put(f.id(), f.remaining()));
                Long feeId = !open.isEmpty() && r.nextInt(3) == 0 ? open.get(r.nextInt(open.size())).id() : null;
                BigDecimal owed = feeId == null ? balance : before.get(feeId);
                long owedCents = owed.movePointRight(2).longValueExact();
                long cents = r.nextInt(5) == 0 ? owedCents + 1 + r.nextInt(500) : 1 + (owedCents <= 1 ? 0 : (long) r.nextInt((int) owedCents));
                boolean replay = !usedIds.isEmpty() && r.nextInt(5) == 0;
                String txn = replay ? usedIds.get(r.nextInt(usedIds.size())) : (r.nextBoolean() ? "T" + p : null);
                Money amount = usd(cents);
                final int step = p;
                String where = "seed=" + seed + " payment " + step + " of " + amount + " fee=" + feeId + " txn=" + txn;

                Outcome<Views.FeePaid> o = w.run(new Commands.PayFee(w.ctx(), "P1", amount, feeId, txn, "cash"));
                BigDecimal after = w.openFees("P1").stream().map(Fee::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (o instanceof Outcome.Success<Views.FeePaid> s && s.result().replay()) {
                    assertEquals(0, balance.compareTo(after), () -> where + ": a replay changed the balance");
                    continue;
                }
                if (owedCents == 0 || amount.amount().compareTo(owed) > 0 || (replay && !(o.isSuccess()))) {
                    assertTrue(o instanceof Outcome.Refused<Views.FeePaid>, () -> where + ": expected a refusal, got " + o);
                    RefusalReason reason = ((Outcome.Refused<Views.FeePaid>) o).reason();
                    assertTrue(reason == RefusalReason.OVERPAYMENT || reason == RefusalReason.NOTHING_OWED
                            || reason == RefusalReason.DUPLICATE, () -> where + ": " + o);
                    assertEquals(0, balance.compareTo(after), () -> where + ": a refused payment changed the balance");
                    continue;
                }
                assertTrue(o.isSuccess(), () -> where + ": " + o);
                Views.FeePaid paid = o.value();
                if (txn != null) {
                    usedIds.add(txn);
                }
                BigDecimal allocated = paid.allocations().stream().map(Views.FeeAllocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, allocated.compareTo(amount.amount()), () -> where + ": allocated " + allocated);
                assertEquals(0, balance.subtract(amount.amount()).compareTo(after), () -> where + ": balance " + balance + " -> " + after);
                assertEquals(0, after.compareTo(paid.balance().amount()), () -> where + ": reported balance " + paid.balance());
                for (Views.FeeAllocation a : paid.allocations()) {
                    assertTrue(a.amount().signum() > 0, () -> where + ": empty allocation " + a);
                    assertTrue(a.amount().compareTo(before.get(a.feeId())) <= 0, () -> where + ": allocation above the fee " + a);
                }
                if (feeId != null) {
                    assertEquals(List.of(feeId), paid.allocations().stream().map(Views.FeeAllocation::feeId).toList(), where);
                } else {
                    // oldest first: every fee before the last one touched is paid in full
                    for (int i = 0; i + 1 < paid.allocations().size(); i++) {
                        Views.FeeAllocation a = paid.allocations().get(i);
                        assertEquals(open.get(i).id(), a.feeId(), where);
                        assertEquals(0, a.amount().compareTo(before.get(a.feeId())), () -> where + ": skipped ahead of " + a);
                    }
                }
            }
        }
    }
}
