package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.pin;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.AA;
import static org.stackbridge.sip2.spec.FieldCode.AB;
import static org.stackbridge.sip2.spec.FieldCode.BO;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.CheckoutResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 11 Checkout → 12. With SC renewal policy N an item already on loan to the patron is refused rather than renewed;
 * no block (offline transactions) carries the SC's transaction date to the engine.
 */
final class CheckoutHandler extends Sip2Handler {

    CheckoutHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.CHECKOUT_REQUEST, support, AA, AB);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String item = req.trimmed(AB);
        Sip2Profile p = s.profile();
        boolean noBlock = "Y".equalsIgnoreCase(req.fixed(NO_BLOCK));
        boolean feeAck = "Y".equalsIgnoreCase(req.field(BO));
        if ("N".equalsIgnoreCase(req.fixed(SC_RENEWAL_POLICY)) && !noBlock) {
            // The SC does not accept renewals: an item already on loan to this patron must not be renewed by checkout.
            return support.exec(s, new Commands.LookupItem(support.ctx(req, s, null, null, null), item)).thenCompose(o -> {
                if (o instanceof Outcome.Success<Views.ItemInfo> ok && patron.equals(ok.result().borrowerBarcode())) {
                    Views.ItemInfo i = ok.result();
                    return done(new CheckoutResponse(false, false, "N", false, support.now(s), ao(req, s), patron, item,
                            nz(i.title()), support.dueDate(i.dueAt(), s), null, null, null, null, null,
                            screenMessage(p, "ALREADY_CHECKED_OUT", p.language(), "Item is already checked out to you")));
                }
                return checkout(req, s, key, patron, item, noBlock, feeAck);
            });
        }
        return checkout(req, s, key, patron, item, noBlock, feeAck);
    }

    @Override
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return refused(req, s, nz(req.field(AA)), nz(req.field(AB)), null, screenMessage);
    }

    private CompletionStage<Sip2Response> checkout(Sip2Message req, Sip2Session s, String key, String patron, String item,
                                                   boolean noBlock, boolean feeAck) {
        Sip2Profile p = s.profile();
        Instant occurred = noBlock ? support.parseDate(req.fixed(TRANSACTION_DATE), s) : null;
        return support.withLibrary(req, s, null, key, occurred, ctx -> support.exec(s,
                        new Commands.CheckOut(ctx, patron, item, pin(req), p.checkoutPinRequired(), noBlock, feeAck)))
                .thenApply(o -> {
                    if (o instanceof Outcome.Success<Views.CheckedOut> ok) {
                        return checkedOut(req, s, patron, ok.result());
                    }
                    Outcome.Refused<Views.CheckedOut> r = (Outcome.Refused<Views.CheckedOut>) o;
                    Views.ItemInfo i = r.context() instanceof Views.ItemInfo ii ? ii : null;
                    return refused(req, s, patron, item, i, refusalMessage(p, r.reason(), r.message(), p.language()));
                });
    }

    private CheckoutResponse checkedOut(Sip2Message req, Sip2Session s, String patron, Views.CheckedOut c) {
        Sip2Profile p = s.profile();
        boolean fee = c.fee() != null && c.fee().isPositive();
        return new CheckoutResponse(true, c.renewal(), "N", true, support.now(s), ao(req, s), patron, c.item().barcode(),
                nz(c.item().title()), support.dueDate(c.dueAt(), s), fee ? "06" : null, fee ? currency(c.fee(), p) : null,
                fee ? money(c.fee()) : null, mediaType(c.item().itemType(), p), "N",
                screenMessage(p, c.renewal() ? "CHECKOUT_RENEWED" : "CHECKOUT_OK", p.language(), null));
    }

    /** ok 0; magnetic media unknown and no CK unless the engine named the item. */
    private CheckoutResponse refused(Sip2Message req, Sip2Session s, String patron, String item, Views.ItemInfo i, String af) {
        return new CheckoutResponse(false, false, i == null ? "U" : "N", false, support.now(s), ao(req, s), patron, item,
                i == null ? "" : nz(i.title()), "", null, null, null, i == null ? null : mediaType(i.itemType(), s.profile()), null, af);
    }
}
