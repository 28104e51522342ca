package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.core.testing.SeededCases;

/**
 * The status a kiosk sees (SIP2 patron status, NCIP privileges: {@link Views.PatronInfo#flags()} and
 * {@code canBorrow}) agrees with what a check-out and a hold then do, over random rule tables (library-,
 * category- and item-type-specific rules with different limits) and random patrons (fines, blocks, overdue
 * loans, expired or lost cards, loans at the limit). Reproduce a failure with -Dsb.seed=&lt;base seed&gt;.
 */
class PatronStatusAgreementPropertyTest {

    private static final long BASE_SEED = SeededCases.BASE_SEED;
    private static final int CASES = 2_000;
    private static final Set<RefusalReason> PATRON_REASONS = EnumSet.of(RefusalReason.PATRON_BLOCKED, RefusalReason.PATRON_EXPIRED,
            RefusalReason.CARD_LOST, RefusalReason.TOO_MANY_LOANS, RefusalReason.EXCESSIVE_FINES);
    private static final List<String> LIBRARIES = List.of("MAIN", "BRANCH");
    private static final List<String> CATEGORIES = List.of("ADULT", "STUDENT");
    private static final List<String> TYPES = List.of("BOOK", "DVD");

    @Test
    void patronFlagsAgreeWithCheckoutAndHolds() {
        int[] refusedCheckouts = {0};
        int checked = SeededCases.run("PatronStatusAgreementPropertyTest", BASE_SEED, CASES,
                seed -> refusedCheckouts[0] += oneCase(seed) ? 0 : 1);
        assertEquals(CASES, checked);
        assertTrue(refusedCheckouts[0] > CASES / 10 && refusedCheckouts[0] < CASES * 9 / 10,
                "the generator must exercise both outcomes; refused " + refusedCheckouts[0] + " of " + CASES + ", base seed " + BASE_SEED);
    }

    /** Runs one case; returns whether its check-out succeeded. */
    private static boolean oneCase(long seed) {
        Random r = new Random(seed);
        BigDecimal feeLimit = new BigDecimal(List.of("0", "5.00", "10.00").get(r.nextInt(3)));
        int maxOverdue = r.nextInt(4);
        List<CirculationRule> rules = randomRules(r);
        try (World w = new World(new EngineSettings(Currency.getInstance("USD"), feeLimit, maxOverdue, null))) {
            rules.forEach(w::rule);
            String category = pick(r, CATEGORIES);
            String home = pick(r, LIBRARIES);
            LocalDate expires = r.nextInt(5) == 0 ? World.START.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(r.nextInt(30) - 5)
                    : LocalDate.of(2099, 1, 1);
            w.circ.patron(new org.stackbridge.core.model.Patron(0, "P", w.circ.hasher().hash(World.PIN), "Patron", category, null, null,
                    null, expires, home, r.nextInt(10) == 0));
            BibRecord lent = w.bib("lent");
            int loans = r.nextInt(6);
            for (int l = 0; l < loans; l++) {
                w.item("L" + l, lent, pick(r, TYPES), pick(r, LIBRARIES));
                // offline (no-block) loans: the patron may end up at or over any limit
                w.ok(new Commands.CheckOut(w.ctx(), "P", "L" + l, null, false, true, false));
            }
            for (int f = r.nextInt(4); f > 0; f--) {
                w.ok(new Commands.AssessFee(w.ctx(), "P", r.nextBoolean() ? FeeType.OVERDUE : FeeType.MANUAL,
                        Money.of(String.valueOf(1 + r.nextInt(6)), "USD"), null, null));
            }
            for (int b = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0; b > 0; b--) {
                boolean borrow = r.nextBoolean();
                boolean renew = r.nextBoolean();
                boolean request = r.nextBoolean();
                long hours = r.nextBoolean() ? 24L * 40 : 1 + r.nextInt(72);
                w.circ.store().runNow(tx -> tx.patrons().addBlock(new PatronBlock(0, tx.patrons().byBarcode("P").orElseThrow().id(),
                        "MANUAL", borrow, renew, request, "random", World.START, World.START.plusSeconds(hours * 3600))));
            }
            w.advanceDays(r.nextInt(20));

            String kiosk = pick(r, LIBRARIES);
            String type = pick(r, TYPES);
            RequestContext at = w.at(kiosk);
            w.item("FREE", w.bib("free"), type, kiosk);
            w.item("WANTED", w.bib("wanted"), type, kiosk);
            Views.PatronInfo info = w.ok(new Commands.LookupPatron(at, "P", null));
            Outcome<Views.CheckedOut> out = w.run(new Commands.CheckOut(at, "P", "FREE", null, false, false, false));
            Outcome<Views.HoldPlaced> hold = w.run(new Commands.PlaceHold(at, "P", null, "wanted", kiosk, null));

            PolicyTable table = new PolicyTable(rules);
            boolean itemHasOwnRule = !table.find(kiosk, category, type).equals(table.find(kiosk, category, null));
            Set<PatronFlag> flags = info.flags();
            boolean chargeDenied = flags.contains(PatronFlag.CHARGE_PRIVILEGES_DENIED);
            String where = "seed=" + seed + " (base " + BASE_SEED + ") kiosk=" + kiosk + " type=" + type + " ownRule=" + itemHasOwnRule
                    + " flags=" + flags + " canBorrow=" + info.canBorrow() + " checkout=" + out + " hold=" + hold + " rules=" + rules;

            assertEquals(!info.canBorrow(), chargeDenied || flags.contains(PatronFlag.TOO_MANY_ITEMS_CHARGED), where);
            if (out instanceof Outcome.Refused<Views.CheckedOut> refused) {
                assertTrue(PATRON_REASONS.contains(refused.reason()), where);
                if (refused.reason() != RefusalReason.TOO_MANY_LOANS) {
                    assertTrue(chargeDenied, "a patron-level refusal shows as charge privileges denied; " + where);
                }
            }
            if (chargeDenied) {
                assertTrue(!out.isSuccess(), "charge privileges denied, yet the check-out succeeded; " + where);
            }
            if (!itemHasOwnRule) {
                // the kiosk's look-up and the check-out ask the same rule: they must agree exactly
                assertEquals(info.canBorrow(), out.isSuccess(), where);
            }
            boolean holdsDenied = flags.contains(PatronFlag.HOLD_PRIVILEGES_DENIED);
            assertEquals(holdsDenied, flags.contains(PatronFlag.RECALL_PRIVILEGES_DENIED), where);
            assertEquals(!holdsDenied, hold.isSuccess(), where);
            if (hold instanceof Outcome.Refused<Views.HoldPlaced> refusedHold) {
                assertTrue(Set.of(RefusalReason.PATRON_BLOCKED, RefusalReason.PATRON_EXPIRED).contains(refusedHold.reason()), where);
            }
            return out.isSuccess();
        }
    }

    /** A wildcard rule and a random selection of library-, category- and item-type-specific rules with their own limits. */
    private static List<CirculationRule> randomRules(Random r) {
        List<CirculationRule> rules = new ArrayList<>();
        rules.add(rule().maxLoans(r.nextInt(6)).loan(1 + r.nextInt(14), PeriodUnit.DAYS).source("wildcard").build());
        String[][] scopes = {{"BRANCH", null, null}, {null, "STUDENT", null}, {null, null, "DVD"}, {"MAIN", "STUDENT", null},
                {"BRANCH", null, "DVD"}, {null, "ADULT", "BOOK"}, {"MAIN", "ADULT", "DVD"}};
        for (String[] scope : scopes) {
            if (r.nextInt(3) == 0) {
                rules.add(rule().scope(scope[0], scope[1], scope[2]).maxLoans(r.nextInt(6)).loan(1 + r.nextInt(14), PeriodUnit.DAYS)
                        .source(String.join("/", java.util.Arrays.stream(scope).map(s -> s == null ? "*" : s).toList())).build());
            }
        }
        return rules;
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
