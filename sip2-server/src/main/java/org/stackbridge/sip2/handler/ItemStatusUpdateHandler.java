package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.refusalMessage;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.ITEM_PROPERTIES_OK;
import static org.stackbridge.sip2.spec.FixedField.TRANSACTION_DATE;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 19 Item Status Update → 20: stores CH where the profile says (location or call number). */
final class ItemStatusUpdateHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;

    ItemStatusUpdateHandler(Sip2HandlerSupport support) {
        this.support = support;
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.ITEM_STATUS_UPDATE_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String item = req.trimmed(AB);
        Sip2Profile p = s.profile();
        String props = req.trimmed(CH);
        if (item == null || props == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        String target = p.itemPropertiesField();
        if ("none".equals(target)) {
            return done(failure(req, s, message(s, "ITEM_PROPERTIES_NOT_STORED")));
        }
        return support.withLibrary(req, s, null, key, null, ctx -> support.exec(s, new Commands.UpdateItem(ctx, item, (ItemStatus) null,
                        "location".equals(target) ? props : null, "callNumber".equals(target) ? props : null)))
                .thenApply(o -> {
                    if (o instanceof Outcome.Success<Views.ItemInfo> ok) {
                        return Sip2Message.builder(Sip2MessageType.ITEM_STATUS_UPDATE_RESPONSE).ok(ITEM_PROPERTIES_OK, true)
                                .fixed(TRANSACTION_DATE, support.now(s)).field(AB, item).field(AJ, nz(ok.result().title()))
                                .field(CH, props).build();
                    }
                    Outcome.Refused<Views.ItemInfo> r = (Outcome.Refused<Views.ItemInfo>) o;
                    return refused(s, item, refusalMessage(p, r.reason(), r.message(), p.language()));
                });
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return refused(s, nz(req.field(AB)), screenMessage);
    }

    private Sip2Message refused(Sip2Session s, String item, String af) {
        return Sip2Message.builder(Sip2MessageType.ITEM_STATUS_UPDATE_RESPONSE).ok(ITEM_PROPERTIES_OK, false)
                .fixed(TRANSACTION_DATE, support.now(s)).field(AB, item).field(AF, af).build();
    }
}
