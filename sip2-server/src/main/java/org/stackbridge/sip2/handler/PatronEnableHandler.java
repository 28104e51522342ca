package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.language;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.pin;
import static org.stackbridge.sip2.spec.FieldCode.AA;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** 25 Patron Enable → 26: checks AD when given, then lifts the patron's block. */
final class PatronEnableHandler implements Sip2RequestHandler {

    private final Sip2HandlerSupport support;
    private final PatronStatusResponses responses;

    PatronEnableHandler(Sip2HandlerSupport support) {
        this.support = support;
        this.responses = new PatronStatusResponses(support);
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.PATRON_ENABLE_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        String pin = pin(req);
        String lang = s.profile().language();
        CompletionStage<Outcome<Views.PatronInfo>> check = pin == null ? done(null)
                : support.exec(s, new Commands.LookupPatron(support.ctx(req, s, null, null, null), patron, pin));
        return check.thenCompose(c -> {
            if (c != null && (!c.isSuccess() || c.value().pin() == Views.PinCheck.INVALID)) {
                return done(responses.from(Sip2MessageType.PATRON_ENABLE_RESPONSE, req, s, c, lang, null));
            }
            return support.withLibrary(req, s, null, key, null, ctx -> support.exec(s, new Commands.UnblockPatron(ctx, patron)))
                    .thenApply(o -> responses.from(Sip2MessageType.PATRON_ENABLE_RESPONSE, req, s,
                            c == null ? o : o.map(i -> withPin(i, c.value().pin())), lang, o.isSuccess() ? "PATRON_ENABLED" : null));
        });
    }

    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return responses.denied(Sip2MessageType.PATRON_ENABLE_RESPONSE, req, s, language(req, s), screenMessage);
    }

    private static Views.PatronInfo withPin(Views.PatronInfo i, Views.PinCheck pin) {
        return new Views.PatronInfo(i.patron(), i.flags(), pin, i.balance(), i.feeLimit(), i.loans(), i.holds(), i.fees(), i.blocks(),
                i.maxLoans(), i.canBorrow());
    }
}
