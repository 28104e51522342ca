package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.service.EngineSettings;

/**
 * What patron information says (SIP2 flags, NCIP privileges) agrees with what checkout does, for random
 * patron states. Reproduce with -Dsb.seed.
 */
class PatronStatusAgreementPropertyTest {

    private static final long BASE_SEED = Long.getLong("sb.seed", 20260302L);
    private static final Set<RefusalReason> PATRON_REASONS = EnumSet.of(RefusalReason.PATRON_BLOCKED, RefusalReason.PATRON_EXPIRED,
            RefusalReason.CARD_LOST, RefusalReason.TOO_MANY_LOANS, RefusalReason.EXCESSIVE_FINES);

    @RepeatedTest(80)
    void patronFlagsPredictWhetherCheckoutSucceeds(RepetitionInfo run) {
        long seed = BASE_SEED + 9000 + run.getCurrentRepetition();
        Random r = new Random(seed);
        try (World w = new World(new EngineSettings(Currency.getInstance("USD"), new BigDecimal("10.00"), 2, null))) {
            w.rule(rule().maxLoans(3).loan(7, org.stackbridge.core.policy.PeriodUnit.DAYS).build());
            LocalDate expires = r.nextInt(6) == 0 ? LocalDate.of(2026, 3, 1 + r.nextInt(20)) : LocalDate.of(2099, 1, 1);
            w.patron("P", expires, r.nextInt(6) == 0);
            BibRecord bib = w.bib("b");
            w.item("FREE", w.bib("free"));
            int loans = r.nextInt(5);
            for (int i = 0; i < loans; i++) {
                w.item("L" + i, bib);
                w.ok(new Commands.CheckOut(w.ctx(), "P", "L" + i, null, false, true, false));
            }
            int fees = r.nextInt(3);
            for (int i = 0; i < fees; i++) {
                w.ok(new Commands.AssessFee(w.ctx(), "P", r.nextBoolean() ? FeeType.OVERDUE : FeeType.MANUAL,
                        Money.of(String.valueOf(1 + r.nextInt(8)), "USD"), null, null));
            }
            if (r.nextInt(4) == 0) {
                boolean borrow = r.nextBoolean();
                long minutes = r.nextBoolean() ? 60 * 24 * 30 : 1;
                w.circ.store().runNow(tx -> tx.patrons().addBlock(new PatronBlock(0, tx.patrons().byBarcode("P").orElseThrow().id(),
                        "MANUAL", borrow, true, true, "random", World.START, World.START.plusSeconds(minutes * 60))));
            }
            w.advanceDays(r.nextInt(15));

            Views.PatronInfo info = w.info("P");
            Outcome<Views.CheckedOut> out = w.run(w.checkout("P", "FREE"));
            String where = "seed=" + seed + " flags=" + info.flags() + " outcome=" + out;
            assertEquals(info.canBorrow(), out.isSuccess(), where);
            assertEquals(!info.canBorrow(), info.flags().contains(PatronFlag.CHARGE_PRIVILEGES_DENIED)
                    || info.flags().contains(PatronFlag.TOO_MANY_ITEMS_CHARGED), where);
            if (out instanceof Outcome.Refused<Views.CheckedOut> refused) {
                assertTrue(PATRON_REASONS.contains(refused.reason()), where);
            }
        }
    }
}
