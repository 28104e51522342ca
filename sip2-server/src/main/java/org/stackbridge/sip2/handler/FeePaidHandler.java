package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.FeePaidResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 37 Fee Paid → 38: pays BV in the request's currency (else the profile's) against CG or the oldest fees. */
final class FeePaidHandler extends Sip2Handler {

    FeePaidHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.FEE_PAID_REQUEST, support, AA, BV);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        Sip2Profile p = s.profile();
        Money amount;
        Long feeId = null;
        try {
            String cur = req.fixed(CURRENCY_TYPE).strip();
            if (cur.isEmpty()) {
                cur = p.currency() == null ? "USD" : p.currency();
            }
            amount = new Money(new BigDecimal(req.trimmed(BV)), Currency.getInstance(cur.toUpperCase(Locale.ROOT)));
            if (req.trimmed(CG) != null) {
                feeId = Long.parseLong(req.trimmed(CG));
            }
        } catch (IllegalArgumentException e) {
            return done(failure(req, s, screenMessage(p, "INVALID_AMOUNT", p.language(), "Invalid amount, currency or fee id")));
        }
        final Money paid = amount;
        final Long fee = feeId;
        String bk = req.trimmed(BK);
        String method = "SIP2 payment type " + req.fixed(PAYMENT_TYPE);
        return support.checkPin(req, s, patron).thenCompose(pinFail -> {
            if (pinFail != null) {
                return done(failure(req, s, pinFail));
            }
            return support.withLibrary(req, s, null, key, null, ctx -> support.exec(s, new Commands.PayFee(ctx, patron, paid, fee, bk, method)))
                    .thenApply(o -> {
                        if (o instanceof Outcome.Success<Views.FeePaid> ok) {
                            return response(req, s, true, screenMessage(p, "FEE_PAID", p.language(), null)
                                    + " (" + money(ok.result().amount()) + ")");
                        }
                        Outcome.Refused<Views.FeePaid> r = (Outcome.Refused<Views.FeePaid>) o;
                        return failure(req, s, refusalMessage(p, r.reason(), r.message(), p.language()));
                    });
        });
    }

    @Override
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return response(req, s, false, screenMessage);
    }

    private FeePaidResponse response(Sip2Message req, Sip2Session s, boolean accepted, String af) {
        return new FeePaidResponse(accepted, support.now(s), ao(req, s), nz(req.field(AA)), req.trimmed(BK), af);
    }
}
