package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.handler.Sip2HandlerSupport.ao;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.language;
import static org.stackbridge.sip2.handler.Sip2HandlerSupport.nz;
import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.message.PatronInformationResponse;
import org.stackbridge.sip2.message.Sip2Field;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.Sip2Profile;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 63 Patron Information → 64: status, counts, the one item list the summary selects (BP..BQ range), balance and
 * the profile's extra patron fields.
 */
final class PatronInformationHandler extends Sip2Handler {

    private static final int DEFAULT_ITEM_LIST = 100;
    private static final String NONE = "0000";
    private static final FieldCode[] ITEM_LISTS = {AS, AT, AU, AV, BU, CD};

    PatronInformationHandler(Sip2HandlerSupport support) {
        super(Sip2MessageType.PATRON_INFORMATION_REQUEST, support, AA);
    }

    @Override
    protected CompletionStage<Sip2Response> answer(Sip2Message req, Sip2Session s, String key) {
        String lang = req.fixed(LANGUAGE);
        // a kiosk's usual 63 asks for counts only (or the fine list): no item's barcode or title is read then
        int selected = selectedList(req);
        boolean itemList = selected == 0 || selected == 1 || selected == 2 || selected == 5;
        return support.lookupPatron(req, s, req.trimmed(AA), itemList ? Commands.PatronLines.FULL : Commands.PatronLines.OWN_ROWS)
                .thenApply(o -> response(req, s, o, lang));
    }

    /** The denied status with zero counts and no item lists. */
    @Override
    public Sip2Response failure(Sip2Message req, Sip2Session s, String screenMessage) {
        return new PatronInformationResponse(DENIED_STATUS, language(req, s), support.now(s), NONE, NONE, NONE, NONE, NONE, NONE,
                ao(req, s), nz(req.field(AA)), "", null, "N", null, null, null, null, null, List.of(), List.of(),
                screenMessage == null ? List.of() : List.of(screenMessage));
    }

    private Sip2Response response(Sip2Message req, Sip2Session s, Outcome<Views.PatronInfo> o, String lang) {
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
        int selected = selectedList(req);
        int start = parsePositive(req.trimmed(BP), 1);
        int end = parsePositive(req.trimmed(BQ), start + DEFAULT_ITEM_LIST - 1);
        List<String> items = switch (selected) {
            case 0 -> available.stream().map(PatronInformationHandler::holdLine).toList();
            case 1 -> overdue.stream().map(Views.LoanLine::itemBarcode).toList();
            case 2 -> info.loans().stream().map(Views.LoanLine::itemBarcode).toList();
            case 3 -> fees.stream().map(PatronInformationHandler::fineLine).toList();
            case 4 -> List.of(); // recall items: the engine does not recall loans, so there are none to list
            case 5 -> unavailable.stream().map(PatronInformationHandler::holdLine).toList();
            default -> List.of(); // counts only
        };
        List<Sip2Field> extra = new ArrayList<>();
        for (Map.Entry<String, String> e : p.patronFields().entrySet()) {
            String v = patronAttribute(info.patron(), e.getValue(), p);
            if (v != null && !v.isBlank() && e.getKey().length() == 2) {
                extra.add(new Sip2Field(FieldCode.valueOf(e.getKey()), v));
            }
        }
        return new PatronInformationResponse(patronStatus(info, p), lang, support.now(s), n4(available.size()),
                n4(overdue.size()), n4(info.loans().size()), n4(fees.size()), n4(0), n4(unavailable.size()),
                ao(req, s), info.patron().barcode(), info.patron().name(), info.maxLoans() > 0 ? n4(info.maxLoans()) : null, "Y",
                PatronStatusFamilyHandler.pinField(info.pin()), currency(info.balance(), p), money(info.balance()),
                info.feeLimit() != null && info.feeLimit().isPositive() ? money(info.feeLimit()) : null,
                selected >= 0 && selected < ITEM_LISTS.length ? ITEM_LISTS[selected] : null, range(items, start, end), extra,
                info.pin() == Views.PinCheck.INVALID ? List.of(screenMessage(p, pinFailureKey(info), lang, null)) : List.of());
    }

    /** The summary position of the item list asked for (the first Y), -1 for none. */
    private static int selectedList(Sip2Message req) {
        String summary = req.fixed(SUMMARY);
        return summary == null ? -1 : summary.toUpperCase(Locale.ROOT).indexOf('Y');
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
