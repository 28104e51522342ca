package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.ItemInformationResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 17 Item Information → 18: circulation status, due date, hold queue, locations and call number. */
final class ItemInformationHandler extends Sip2Handler {

    ItemInformationHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.ITEM_INFORMATION_REQUEST, support, AB);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String item = req.trimmed(AB);
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
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return refused(s, nz(req.field(AB)), screenMessage);
    }

    private ItemInformationResponse found(Sip2Session s, Views.ItemInfo i) {
        Sip2Profile p = s.profile();
        return new ItemInformationResponse(circulationStatus(i), "02", "01", support.now(s),
                i.holdQueueLength() > 0 ? n4(i.holdQueueLength()) : null, i.dueAt() != null ? support.dueDate(i.dueAt(), s) : null,
                i.holdShelfExpires() != null ? support.day(i.holdShelfExpires(), s) : null, i.barcode(), nz(i.title()),
                i.institution(), mediaType(i.itemType(), p), i.homeLibrary(), i.currentLibrary(), i.callNumber(), i.inTransitTo(), null);
    }

    /** Circulation status other, no security marker, empty title. */
    private ItemInformationResponse refused(Sip2Session s, String item, String af) {
        return new ItemInformationResponse("01", "00", "01", support.now(s), null, null, null, item, "", null, null, null, null,
                null, null, af);
    }
}
