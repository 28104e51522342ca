package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.refusalMessage;
import static org.stackbridge.sip2.spec.FieldCode.AB;
import static org.stackbridge.sip2.spec.FieldCode.CH;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.ItemStatusUpdateResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 19 Item Status Update → 20: stores CH where the profile says (location or call number). */
final class ItemStatusUpdateHandler extends Sip2Handler {

    ItemStatusUpdateHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.ITEM_STATUS_UPDATE_REQUEST, support, AB, CH);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String item = req.trimmed(AB);
        Sip2Profile p = s.profile();
        String props = req.trimmed(CH);
        String target = p.itemPropertiesField();
        if ("none".equals(target)) {
            return done(failure(req, s, message(s, "ITEM_PROPERTIES_NOT_STORED")));
        }
        return support.withLibrary(req, s, null, key, null, ctx -> support.exec(s, new Commands.UpdateItem(ctx, item, (ItemStatus) null,
                        "location".equals(target) ? props : null, "callNumber".equals(target) ? props : null)))
                .thenApply(o -> {
                    if (o instanceof Outcome.Success<Views.ItemInfo> ok) {
                        return new ItemStatusUpdateResponse(true, support.now(s), item, nz(ok.result().title()), props, null);
                    }
                    Outcome.Refused<Views.ItemInfo> r = (Outcome.Refused<Views.ItemInfo>) o;
                    return failure(req, s, refusalMessage(p, r.reason(), r.message(), p.language()));
                });
    }

    @Override
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return new ItemStatusUpdateResponse(false, support.now(s), nz(req.field(AB)), null, null, screenMessage);
    }
}
