package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.pin;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 11 Checkout → 12. With SC renewal policy N an item already on loan to the patron is refused rather than renewed;
 * no block (offline transactions) carries the SC's transaction date to the engine.
 */
final class CheckoutHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;

    CheckoutHandler(Sip2HandlerSupport support) {
        this.support = support;
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.CHECKOUT_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String item = req.trimmed(AB);
        if (patron == null || item == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        Sip2Profile p = s.profile();
        boolean noBlock = "Y".equalsIgnoreCase(req.fixed(NO_BLOCK));
        boolean feeAck = "Y".equalsIgnoreCase(req.field(BO));
        if ("N".equalsIgnoreCase(req.fixed(SC_RENEWAL_POLICY)) && !noBlock) {
            // The SC does not accept renewals: an item already on loan to this patron must not be renewed by checkout.
            return support.exec(s, new Commands.LookupItem(support.ctx(req, s, null, null, null), item)).thenCompose(o -> {
                if (o instanceof Outcome.Success<Views.ItemInfo> ok && patron.equals(ok.result().borrowerBarcode())) {
                    Views.ItemInfo i = ok.result();
                    return done(Sip2Message.builder(Sip2MessageType.CHECKOUT_RESPONSE).ok(OK, false).yn(RENEWAL_OK, false)
                            .fixed(MAGNETIC_MEDIA, "N").fixed(DESENSITIZE, "N").fixed(TRANSACTION_DATE, support.now(s))
                            .field(AO, ao(req, s)).field(AA, patron).field(AB, item).field(AJ, nz(i.title()))
                            .field(AH, dueDate(i.dueAt(), p))
                            .field(AF, screenMessage(p, "ALREADY_CHECKED_OUT", p.language(), "Item is already checked out to you"))
                            .build());
                }
                return checkout(req, s, key, patron, item, noBlock, feeAck);
            });
        }
        return checkout(req, s, key, patron, item, noBlock, feeAck);
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return refused(req, s, nz(req.field(AA)), nz(req.field(AB)), null, screenMessage);
    }

    private CompletionStage<Sip2Message> checkout(Sip2Message req, Sip2Session s, String key, String patron, String item,
                                                  boolean noBlock, boolean feeAck) {
        Sip2Profile p = s.profile();
        Instant occurred = noBlock ? parseSipDate(req.fixed(TRANSACTION_DATE), p.zone()) : null;
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

    private Sip2Message checkedOut(Sip2Message req, Sip2Session s, String patron, Views.CheckedOut c) {
        Sip2Profile p = s.profile();
        Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.CHECKOUT_RESPONSE);
        b.ok(OK, true).yn(RENEWAL_OK, c.renewal()).fixed(MAGNETIC_MEDIA, "N").fixed(DESENSITIZE, "Y")
                .fixed(TRANSACTION_DATE, support.now(s)).field(AO, ao(req, s)).field(AA, patron).field(AB, c.item().barcode())
                .field(AJ, nz(c.item().title())).field(AH, dueDate(c.dueAt(), p));
        if (c.fee() != null && c.fee().isPositive()) {
            b.field(BT, "06").field(BH, currency(c.fee(), p)).field(BV, money(c.fee()));
        }
        return b.field(CK, mediaType(c.item().itemType(), p)).field(CI, "N")
                .field(AF, screenMessage(p, c.renewal() ? "CHECKOUT_RENEWED" : "CHECKOUT_OK", p.language(), null))
                .build();
    }

    /** ok 0; magnetic media unknown and no CK unless the engine named the item. */
    private Sip2Message refused(Sip2Message req, Sip2Session s, String patron, String item, Views.ItemInfo i, String af) {
        Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.CHECKOUT_RESPONSE).ok(OK, false).yn(RENEWAL_OK, false)
                .fixed(MAGNETIC_MEDIA, i == null ? "U" : "N").fixed(DESENSITIZE, "N").fixed(TRANSACTION_DATE, support.now(s))
                .field(AO, ao(req, s)).field(AA, patron).field(AB, item).field(AJ, i == null ? "" : nz(i.title())).field(AH, "");
        if (i != null) {
            b.field(CK, mediaType(i.itemType(), s.profile()));
        }
        return b.field(AF, af).build();
    }
}
