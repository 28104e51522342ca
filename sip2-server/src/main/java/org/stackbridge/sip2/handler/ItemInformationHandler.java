package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 17 Item Information → 18: circulation status, due date, hold queue, locations and call number. */
final class ItemInformationHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;

    ItemInformationHandler(Sip2HandlerSupport support) {
        this.support = support;
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.ITEM_INFORMATION_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String item = req.trimmed(AB);
        if (item == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        Sip2Profile p = s.profile();
        return support.exec(s, new Commands.LookupItem(support.ctx(req, s, null, null, null), item)).thenApply(o -> {
            if (o instanceof Outcome.Success<Views.ItemInfo> ok) {
                return found(s, ok.result());
            }
            Outcome.Refused<Views.ItemInfo> r = (Outcome.Refused<Views.ItemInfo>) o;
            return refused(s, item, refusalMessage(p, r.reason(), r.message(), p.language()));
        });
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return refused(s, nz(req.field(AB)), screenMessage);
    }

    private Sip2Message found(Sip2Session s, Views.ItemInfo i) {
        Sip2Profile p = s.profile();
        Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.ITEM_INFORMATION_RESPONSE);
        b.fixed(CIRCULATION_STATUS, circulationStatus(i)).fixed(SECURITY_MARKER, "02").fixed(FEE_TYPE, "01")
                .fixed(TRANSACTION_DATE, support.now(s));
        if (i.holdQueueLength() > 0) {
            b.field(CF, n4(i.holdQueueLength()));
        }
        if (i.dueAt() != null) {
            b.field(AH, dueDate(i.dueAt(), p));
        }
        if (i.holdShelfExpires() != null) {
            b.field(CM, sipDate(i.holdShelfExpires().atStartOfDay(p.zone()).toInstant(), p.zone()));
        }
        b.field(AB, i.barcode()).field(AJ, nz(i.title())).field(BG, i.institution())
                .field(CK, mediaType(i.itemType(), p)).field(AQ, i.homeLibrary()).field(AP, i.currentLibrary())
                .field(CS, i.callNumber());
        if (i.inTransitTo() != null) {
            b.field(CT, i.inTransitTo());
        }
        return b.build();
    }

    /** Circulation status other, no security marker, empty title. */
    private Sip2Message refused(Sip2Session s, String item, String af) {
        return Sip2Message.builder(Sip2MessageType.ITEM_INFORMATION_RESPONSE).fixed(CIRCULATION_STATUS, "01")
                .fixed(SECURITY_MARKER, "00").fixed(FEE_TYPE, "01").fixed(TRANSACTION_DATE, support.now(s))
                .field(AB, item).field(AJ, "").field(AF, af).build();
    }
}
