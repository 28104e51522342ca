package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.done;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.language;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.message;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.pin;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 63 Patron Information → 64: status, counts, the one item list the summary selects (BP..BQ range), balance and
 * the profile's extra patron fields.
 */
final class PatronInformationHandler implements Sip2RequestHandler {

    private static final int DEFAULT_ITEM_LIST = 100;

    private final Sip2HandlerSupport support;

    PatronInformationHandler(Sip2HandlerSupport support) {
        this.support = support;
    }

    @Override
    public Sip2MessageType requestType() {
        return Sip2MessageType.PATRON_INFORMATION_REQUEST;
    }

    @Override
    public CompletionStage<Sip2Message> handle(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, message(s, "MISSING_FIELD")));
        }
        String lang = req.fixed(LANGUAGE);
        return support.exec(s, new Commands.LookupPatron(support.ctx(req, s, null, null, null), patron, pin(req)))
                .thenApply(o -> response(req, s, o, lang));
    }

    /** The denied status with zero counts and no item lists. */
    @Override
    public Sip2Message failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return Sip2Message.builder(Sip2MessageType.PATRON_INFORMATION_RESPONSE).fixed(PATRON_STATUS, DENIED_STATUS)
                .fixed(LANGUAGE, language(req, s)).fixed(TRANSACTION_DATE, support.now(s)).fixed(HOLD_ITEMS_COUNT, "0000")
                .fixed(OVERDUE_ITEMS_COUNT, "0000").fixed(CHARGED_ITEMS_COUNT, "0000").fixed(FINE_ITEMS_COUNT, "0000")
                .fixed(RECALL_ITEMS_COUNT, "0000").fixed(UNAVAILABLE_HOLDS_COUNT, "0000").field(AO, ao(req, s))
                .field(AA, nz(req.field(AA))).field(AE, "").field(BL, "N").field(AF, screenMessage).build();
    }

    private Sip2Message response(Sip2Message req, Sip2Session s, Outcome<Views.PatronInfo> o, String lang) {
        Sip2Profile p = s.profile();
        if (!(o instanceof Outcome.Success<Views.PatronInfo> ok)) {
            Outcome.Refused<Views.PatronInfo> r = (Outcome.Refused<Views.PatronInfo>) o;
            return failure(req, s, r.reason() == RefusalReason.UNKNOWN_PATRON
                    ? screenMessage(p, "INVALID_PATRON", lang, null) : refusalMessage(p, r.reason(), r.message(), lang));
        }
        Views.PatronInfo info = ok.result();
        List<Views.HoldLine> available = info.availableHolds();
        List<Views.HoldLine> unavailable = info.unavailableHolds();
        List<Views.LoanLine> overdue = info.overdueLoans();
        List<Views.FeeLine> fees = info.fees().stream().filter(f -> f.remaining().isPositive()).toList();
        Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.PATRON_INFORMATION_RESPONSE);
        b.fixed(PATRON_STATUS, patronStatus(info.flags(), p)).fixed(LANGUAGE, lang).fixed(TRANSACTION_DATE, support.now(s))
                .fixed(HOLD_ITEMS_COUNT, n4(available.size())).fixed(OVERDUE_ITEMS_COUNT, n4(overdue.size()))
                .fixed(CHARGED_ITEMS_COUNT, n4(info.loans().size())).fixed(FINE_ITEMS_COUNT, n4(fees.size()))
                .fixed(RECALL_ITEMS_COUNT, n4(0)).fixed(UNAVAILABLE_HOLDS_COUNT, n4(unavailable.size()))
                .field(AO, ao(req, s)).field(AA, info.patron().barcode()).field(AE, info.patron().name());
        if (info.maxLoans() > 0) {
            b.field(CB, n4(info.maxLoans()));
        }
        b.field(BL, "Y");
        PatronStatusResponses.pinField(b, info.pin());
        b.field(BH, currency(info.balance(), p)).field(BV, money(info.balance()));
        if (info.feeLimit() != null && info.feeLimit().isPositive()) {
            b.field(CC, money(info.feeLimit()));
        }
        String summary = req.fixed(SUMMARY);
        int selected = summary == null ? -1 : summary.toUpperCase(Locale.ROOT).indexOf('Y');
        int start = parsePositive(req.trimmed(BP), 1);
        int end = parsePositive(req.trimmed(BQ), start + DEFAULT_ITEM_LIST - 1);
        switch (selected) {
            case 0 -> b.fields(AS, range(available.stream().map(PatronInformationHandler::holdLine).toList(), start, end));
            case 1 -> b.fields(AT, range(overdue.stream().map(Views.LoanLine::itemBarcode).toList(), start, end));
            case 2 -> b.fields(AU, range(info.loans().stream().map(Views.LoanLine::itemBarcode).toList(), start, end));
            case 3 -> b.fields(AV, range(fees.stream().map(PatronInformationHandler::fineLine).toList(), start, end));
            case 4 -> {
                // recall items: the engine does not recall loans to the desk, so there are none to list
            }
            case 5 -> b.fields(CD, range(unavailable.stream().map(PatronInformationHandler::holdLine).toList(), start, end));
            default -> {
                // counts only
            }
        }
        for (Map.Entry<String, String> e : p.patronFields().entrySet()) {
            String v = patronAttribute(info.patron(), e.getValue(), p);
            if (v != null && !v.isBlank() && e.getKey().length() == 2) {
                b.field(FieldCode.valueOf(e.getKey()), v);
            }
        }
        if (info.pin() == Views.PinCheck.INVALID) {
            b.field(AF, screenMessage(p, pinFailureKey(info), lang, null));
        }
        return b.build();
    }

    private static String holdLine(Views.HoldLine h) {
        if (h.itemBarcode() != null && !h.itemBarcode().isBlank()) {
            return h.itemBarcode();
        }
        return h.title() == null || h.title().isBlank() ? h.bibControlNumber() : h.title();
    }

    /** 3M-style fine line: fee id, amount, fee type, description. */
    private static String fineLine(Views.FeeLine f) {
        String desc = f.description() == null ? "" : " " + f.description();
        return f.feeId() + " $" + money(f.remaining()) + " \"" + f.type().name().toLowerCase(Locale.ROOT) + "\"" + desc;
    }

    private static List<String> range(List<String> all, int start, int end) {
        List<String> nonEmpty = all.stream().filter(v -> v != null && !v.isBlank()).toList();
        int from = Math.max(0, start - 1);
        int to = Math.min(nonEmpty.size(), Math.max(from, end));
        return from >= nonEmpty.size() ? List.of() : nonEmpty.subList(from, to);
    }

    private static int parsePositive(String v, int dflt) {
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            return n > 0 ? n : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
