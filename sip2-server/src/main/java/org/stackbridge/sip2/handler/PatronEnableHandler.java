package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.pin;
import static org.stackbridge.sip2.mapping.Sip2Mapper.screenMessage;
import static org.stackbridge.sip2.spec.FieldCode.AA;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 25 Patron Enable → 26: checks AD when given, then lifts the blocks a kiosk's Block Patron (01) placed; staff blocks
 * stay. A profile with {@code patron-enable: refuse} answers every 25 with the denied status and lifts nothing.
 */
final class PatronEnableHandler extends PatronStatusFamilyHandler {

    PatronEnableHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.PATRON_ENABLE_REQUEST, Sip2MessageType.PATRON_ENABLE_RESPONSE, support);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String lang = s.profile().language();
        if (!s.profile().allowsPatronEnable()) {
            return done(failure(req, s, screenMessage(s.profile(), "PATRON_ENABLE_REFUSED", lang, null)));
        }
        CompletionStage<Outcome<Views.PatronInfo>> check = pin(req) == null ? done(null) : support.lookupPatron(req, s, patron, Commands.PatronLines.NONE);
        return check.thenCompose(c -> {
            if (c != null && (!c.isSuccess() || c.value().pin() == Views.PinCheck.INVALID)) {
                return done(from(req, s, c, lang, null));
            }
            return support.withLibrary(req, s, null, key, null, ctx -> support.exec(s, new Commands.UnblockPatron(ctx, patron)))
                    .thenApply(o -> from(req, s, c == null ? o : o.map(i -> withPin(i, c.value().pin())), lang,
                            o.isSuccess() ? "PATRON_ENABLED" : null));
        });
    }

    private static Views.PatronInfo withPin(Views.PatronInfo i, Views.PinCheck pin) {
        return new Views.PatronInfo(i.patron(), i.flags(), pin, i.balance(), i.feeLimit(), i.loans(), i.holds(), i.fees(), i.blocks(),
                i.maxLoans(), i.canBorrow());
    }
}
