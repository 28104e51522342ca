package org.stackbridge.sip2.handler;

import static org.stackbridge.sip2.mapping.Sip2Mapper.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.server.LoginThrottle;
import org.stackbridge.sip2.server.Sip2Profile;
import org.stackbridge.sip2.server.Sip2Session;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * One handler per SIP2 request, mapping it onto core commands and the outcome onto the response. Built once;
 * construction fails when a mandatory message has no handler.
 */
public final class Sip2Handlers {

    private static final List<Sip2MessageType> MANDATORY = List.of(Sip2MessageType.LOGIN_REQUEST, Sip2MessageType.SC_STATUS_REQUEST,
            Sip2MessageType.PATRON_STATUS_REQUEST, Sip2MessageType.PATRON_INFORMATION_REQUEST, Sip2MessageType.CHECKOUT_REQUEST,
            Sip2MessageType.CHECKIN_REQUEST, Sip2MessageType.ITEM_INFORMATION_REQUEST, Sip2MessageType.END_PATRON_SESSION_REQUEST);
    private static final int DEFAULT_ITEM_LIST = 100;

    private final CirculationPort port;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Map<Sip2MessageType, Sip2RequestHandler> table = new EnumMap<>(Sip2MessageType.class);

    public Sip2Handlers(CirculationPort port, Clock clock, LoginThrottle throttle) {
        this.port = port;
        this.clock = clock;
        this.throttle = throttle;
        table.put(Sip2MessageType.LOGIN_REQUEST, this::login);
        table.put(Sip2MessageType.SC_STATUS_REQUEST, this::scStatus);
        table.put(Sip2MessageType.PATRON_STATUS_REQUEST, this::patronStatus);
        table.put(Sip2MessageType.BLOCK_PATRON_REQUEST, this::blockPatron);
        table.put(Sip2MessageType.PATRON_INFORMATION_REQUEST, this::patronInformation);
        table.put(Sip2MessageType.CHECKOUT_REQUEST, this::checkout);
        table.put(Sip2MessageType.CHECKIN_REQUEST, this::checkin);
        table.put(Sip2MessageType.ITEM_INFORMATION_REQUEST, this::itemInformation);
        table.put(Sip2MessageType.ITEM_STATUS_UPDATE_REQUEST, this::itemStatusUpdate);
        table.put(Sip2MessageType.PATRON_ENABLE_REQUEST, this::patronEnable);
        table.put(Sip2MessageType.HOLD_REQUEST, this::hold);
        table.put(Sip2MessageType.RENEW_REQUEST, this::renew);
        table.put(Sip2MessageType.RENEW_ALL_REQUEST, this::renewAll);
        table.put(Sip2MessageType.END_PATRON_SESSION_REQUEST, this::endSession);
        table.put(Sip2MessageType.FEE_PAID_REQUEST, this::feePaid);
        for (Sip2MessageType t : MANDATORY) {
            if (!table.containsKey(t)) {
                throw new IllegalStateException("no handler for mandatory message " + t);
            }
        }
    }

    /** The handler for a request type, or null (97 is answered by the connection itself). */
    public Sip2RequestHandler handler(Sip2MessageType type) {
        return table.get(type);
    }

    /** BX for a profile: Y for each request this server handles and the profile allows. */
    public String supportedMessages(Sip2Profile p) {
        char[] bx = new char[16];
        for (Sip2MessageType t : Sip2MessageType.values()) {
            if (t.bxPosition() >= 0) {
                boolean handled = table.containsKey(t) || t == Sip2MessageType.REQUEST_ACS_RESEND;
                bx[t.bxPosition()] = handled && p.supports(t.code()) ? 'Y' : 'N';
            }
        }
        return new String(bx);
    }

    // ------------------------------------------------------------------ session

    private CompletionStage<Sip2Message> login(Sip2Message req, Sip2Session s, String key) {
        String user = req.trimmed(CN);
        String password = req.field(CO);
        if (throttle.blocked(s.remote())) {
            return done(loginResponse(false));
        }
        if (user == null) {
            throttle.failed(s.remote());
            return done(loginResponse(false));
        }
        RequestContext ctx = new RequestContext(Channel.SIP2, user, user, null, null, null, null);
        return exec(s, new Commands.AuthenticateTerminal(ctx, user, password == null ? "" : password)).thenApply(o -> {
            if (o instanceof Outcome.Success<Views.TerminalLogin> ok) {
                throttle.succeeded(s.remote());
                Views.TerminalLogin l = ok.result();
                s.loggedIn(l.login(), l.institution(), req.trimmed(CP), s.settings().profile(l.profile()));
                return loginResponse(true);
            }
            throttle.failed(s.remote());
            s.loggedOut();
            return loginResponse(false);
        });
    }

    private static Sip2Message loginResponse(boolean ok) {
        return Sip2Message.builder(Sip2MessageType.LOGIN_RESPONSE).ok(OK, ok).build();
    }

    private CompletionStage<Sip2Message> scStatus(Sip2Message req, Sip2Session s, String key) {
        return done(acsStatus(s, true));
    }

    private Sip2Message acsStatus(Sip2Session s, boolean online) {
        Sip2Profile p = s.profile();
        String bx = supportedMessages(p);
        return Sip2Message.builder(Sip2MessageType.ACS_STATUS_RESPONSE)
                .yn(ONLINE_STATUS, online)
                .yn(CHECKIN_OK, online && bx.charAt(2) == 'Y')
                .yn(CHECKOUT_OK, online && bx.charAt(1) == 'Y')
                .yn(ACS_RENEWAL_POLICY, online && bx.charAt(14) == 'Y')
                .yn(STATUS_UPDATE_OK, online && bx.charAt(11) == 'Y')
                .yn(OFFLINE_OK, p.offlineOk())
                .fixed(TIMEOUT_PERIOD, n3(p.timeoutPeriod()))
                .fixed(RETRIES_ALLOWED, n3(p.retriesAllowed()))
                .fixed(DATE_TIME_SYNC, sipDate(clock.instant(), p.zone()))
                .fixed(PROTOCOL_VERSION, "2.00")
                .field(AO, s.institution())
                .field(AM, p.libraryName().isEmpty() ? null : p.libraryName())
                .field(BX, bx)
                .field(AN, s.location())
                .build();
    }

    private CompletionStage<Sip2Message> endSession(Sip2Message req, Sip2Session s, String key) {
        // Ends the patron's use of the terminal; no patron state survives between requests anyway.
        return done(Sip2Message.builder(Sip2MessageType.END_SESSION_RESPONSE).yn(END_SESSION, true)
                .fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s)).field(AA, nz(req.field(AA))).build());
    }

    // ------------------------------------------------------------------ patrons

    private CompletionStage<Sip2Message> patronStatus(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        String lang = req.fixed(LANGUAGE);
        return exec(s, new Commands.LookupPatron(ctx(req, s, null, null, null), patron, pin(req)))
                .thenApply(o -> patronStatusResponse(Sip2MessageType.PATRON_STATUS_RESPONSE, req, s, o, lang, null));
    }

    private CompletionStage<Sip2Message> blockPatron(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        boolean retained = "Y".equalsIgnoreCase(req.fixed(CARD_RETAINED));
        return withLibrary(req, s, null, key, null, ctx -> exec(s, new Commands.BlockPatron(ctx, patron, req.field(AL), retained)))
                .thenApply(o -> patronStatusResponse(Sip2MessageType.PATRON_STATUS_RESPONSE, req, s, o, s.profile().language(),
                        o.isSuccess() ? "PATRON_BLOCKED" : null));
    }

    private CompletionStage<Sip2Message> patronEnable(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        String pin = pin(req);
        CompletionStage<Outcome<Views.PatronInfo>> check = pin == null ? done(null)
                : exec(s, new Commands.LookupPatron(ctx(req, s, null, null, null), patron, pin));
        return check.thenCompose(c -> {
            if (c != null && (!c.isSuccess() || c.value().pin() == Views.PinCheck.INVALID)) {
                return done(patronStatusResponse(Sip2MessageType.PATRON_ENABLE_RESPONSE, req, s, c, s.profile().language(), null));
            }
            return withLibrary(req, s, null, key, null, ctx -> exec(s, new Commands.UnblockPatron(ctx, patron)))
                    .thenApply(o -> patronStatusResponse(Sip2MessageType.PATRON_ENABLE_RESPONSE, req, s,
                            c == null ? o : o.map(i -> withPin(i, c.value().pin())), s.profile().language(),
                            o.isSuccess() ? "PATRON_ENABLED" : null));
        });
    }

    private static Views.PatronInfo withPin(Views.PatronInfo i, Views.PinCheck pin) {
        return new Views.PatronInfo(i.patron(), i.flags(), pin, i.balance(), i.feeLimit(), i.loans(), i.holds(), i.fees(), i.blocks(),
                i.maxLoans(), i.canBorrow());
    }

    /** 24 or 26 for a patron lookup outcome; an unknown patron gets the denied status, BL N and an empty AE. */
    private Sip2Message patronStatusResponse(Sip2MessageType type, Sip2Message req, Sip2Session s, Outcome<Views.PatronInfo> o,
                                             String lang, String okMessageKey) {
        Sip2Profile p = s.profile();
        String language = lang == null ? p.language() : lang;
        Sip2Message.Builder b = Sip2Message.builder(type);
        if (o instanceof Outcome.Success<Views.PatronInfo> ok) {
            Views.PatronInfo info = ok.result();
            b.fixed(PATRON_STATUS, org.stackbridge.sip2.mapping.Sip2Mapper.patronStatus(info.flags(), p)).fixed(LANGUAGE, language).fixed(TRANSACTION_DATE, now(s))
                    .field(AO, ao(req, s)).field(AA, info.patron().barcode()).field(AE, info.patron().name())
                    .field(BL, "Y");
            pinField(b, info.pin());
            if (type == Sip2MessageType.PATRON_STATUS_RESPONSE) {
                b.field(BH, currency(info.balance(), p)).field(BV, money(info.balance()));
            }
            if (info.pin() == Views.PinCheck.INVALID) {
                b.field(AF, screenMessage(p, "INVALID_PIN", language, null));
            } else if (okMessageKey != null) {
                b.field(AF, screenMessage(p, okMessageKey, language, null));
            }
            for (Views.BlockLine bl : info.blocks()) {
                if (bl.reason() != null && !bl.reason().isBlank()) {
                    b.field(AF, bl.reason());
                }
            }
            return hide(b.build(), p);
        }
        Outcome.Refused<Views.PatronInfo> r = (Outcome.Refused<Views.PatronInfo>) o;
        String msg = r.reason() == RefusalReason.UNKNOWN_PATRON ? screenMessage(p, "INVALID_PATRON", language, null)
                : refusalMessage(p, r.reason(), r.message(), language);
        return b.fixed(PATRON_STATUS, DENIED_STATUS).fixed(LANGUAGE, language).fixed(TRANSACTION_DATE, now(s))
                .field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AE, "").field(BL, "N").field(AF, msg).build();
    }

    private static void pinField(Sip2Message.Builder b, Views.PinCheck pin) {
        if (pin == Views.PinCheck.VALID) {
            b.field(CQ, "Y");
        } else if (pin == Views.PinCheck.INVALID) {
            b.field(CQ, "N");
        }
    }

    private CompletionStage<Sip2Message> patronInformation(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        String lang = req.fixed(LANGUAGE);
        return exec(s, new Commands.LookupPatron(ctx(req, s, null, null, null), patron, pin(req)))
                .thenApply(o -> patronInformationResponse(req, s, o, lang));
    }

    private Sip2Message patronInformationResponse(Sip2Message req, Sip2Session s, Outcome<Views.PatronInfo> o, String lang) {
        Sip2Profile p = s.profile();
        Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.PATRON_INFORMATION_RESPONSE);
        if (!(o instanceof Outcome.Success<Views.PatronInfo> ok)) {
            Outcome.Refused<Views.PatronInfo> r = (Outcome.Refused<Views.PatronInfo>) o;
            return emptyPatronInformation(req, s, lang, r.reason() == RefusalReason.UNKNOWN_PATRON
                    ? screenMessage(p, "INVALID_PATRON", lang, null) : refusalMessage(p, r.reason(), r.message(), lang));
        }
        Views.PatronInfo info = ok.result();
        List<Views.HoldLine> available = info.availableHolds();
        List<Views.HoldLine> unavailable = info.unavailableHolds();
        List<Views.LoanLine> overdue = info.overdueLoans();
        List<Views.FeeLine> fees = info.fees().stream().filter(f -> f.remaining().isPositive()).toList();
        b.fixed(PATRON_STATUS, org.stackbridge.sip2.mapping.Sip2Mapper.patronStatus(info.flags(), p)).fixed(LANGUAGE, lang).fixed(TRANSACTION_DATE, now(s))
                .fixed(HOLD_ITEMS_COUNT, n4(available.size())).fixed(OVERDUE_ITEMS_COUNT, n4(overdue.size()))
                .fixed(CHARGED_ITEMS_COUNT, n4(info.loans().size())).fixed(FINE_ITEMS_COUNT, n4(fees.size()))
                .fixed(RECALL_ITEMS_COUNT, n4(0)).fixed(UNAVAILABLE_HOLDS_COUNT, n4(unavailable.size()))
                .field(AO, ao(req, s)).field(AA, info.patron().barcode()).field(AE, info.patron().name());
        if (info.maxLoans() > 0) {
            b.field(CB, n4(info.maxLoans()));
        }
        b.field(BL, "Y");
        pinField(b, info.pin());
        b.field(BH, currency(info.balance(), p)).field(BV, money(info.balance()));
        if (info.feeLimit() != null && info.feeLimit().isPositive()) {
            b.field(CC, money(info.feeLimit()));
        }
        String summary = req.fixed(SUMMARY);
        int selected = summary == null ? -1 : summary.toUpperCase(java.util.Locale.ROOT).indexOf('Y');
        int start = parsePositive(req.trimmed(BP), 1);
        int end = parsePositive(req.trimmed(BQ), start + DEFAULT_ITEM_LIST - 1);
        switch (selected) {
            case 0 -> b.fields(AS, range(available.stream().map(Sip2Handlers::holdLine).toList(), start, end));
            case 1 -> b.fields(AT, range(overdue.stream().map(Views.LoanLine::itemBarcode).toList(), start, end));
            case 2 -> b.fields(AU, range(info.loans().stream().map(Views.LoanLine::itemBarcode).toList(), start, end));
            case 3 -> b.fields(AV, range(fees.stream().map(f -> fineLine(f)).toList(), start, end));
            case 4 -> {
                // recall items: the engine does not recall loans to the desk, so there are none to list
            }
            case 5 -> b.fields(CD, range(unavailable.stream().map(Sip2Handlers::holdLine).toList(), start, end));
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
            b.field(AF, screenMessage(p, "INVALID_PIN", lang, null));
        }
        return hide(b.build(), p);
    }

    private Sip2Message emptyPatronInformation(Sip2Message req, Sip2Session s, String lang, String af) {
        String l = lang == null ? s.profile().language() : lang;
        return Sip2Message.builder(Sip2MessageType.PATRON_INFORMATION_RESPONSE).fixed(PATRON_STATUS, DENIED_STATUS)
                .fixed(LANGUAGE, l).fixed(TRANSACTION_DATE, now(s)).fixed(HOLD_ITEMS_COUNT, "0000").fixed(OVERDUE_ITEMS_COUNT, "0000")
                .fixed(CHARGED_ITEMS_COUNT, "0000").fixed(FINE_ITEMS_COUNT, "0000").fixed(RECALL_ITEMS_COUNT, "0000")
                .fixed(UNAVAILABLE_HOLDS_COUNT, "0000").field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AE, "")
                .field(BL, "N").field(AF, af).build();
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
        return f.feeId() + " $" + money(f.remaining()) + " \"" + f.type().name().toLowerCase(java.util.Locale.ROOT) + "\"" + desc;
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

    // ------------------------------------------------------------------ circulation

    private CompletionStage<Sip2Message> checkout(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String item = req.trimmed(AB);
        if (patron == null || item == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        Sip2Profile p = s.profile();
        boolean noBlock = "Y".equalsIgnoreCase(req.fixed(NO_BLOCK));
        boolean feeAck = "Y".equalsIgnoreCase(req.field(BO));
        if ("N".equalsIgnoreCase(req.fixed(SC_RENEWAL_POLICY)) && !noBlock) {
            // The SC does not accept renewals: an item already on loan to this patron must not be renewed by checkout.
            return exec(s, new Commands.LookupItem(ctx(req, s, null, null, null), item)).thenCompose(o -> {
                if (o instanceof Outcome.Success<Views.ItemInfo> ok && patron.equals(ok.result().borrowerBarcode())) {
                    Views.ItemInfo i = ok.result();
                    return done(hide(Sip2Message.builder(Sip2MessageType.CHECKOUT_RESPONSE).ok(OK, false).yn(RENEWAL_OK, false)
                            .fixed(MAGNETIC_MEDIA, "N").fixed(DESENSITIZE, "N").fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s))
                            .field(AA, patron).field(AB, item).field(AJ, nz(i.title())).field(AH, dueDate(i.dueAt(), p))
                            .field(AF, screenMessage(p, "ALREADY_CHECKED_OUT", p.language(), "Item is already checked out to you"))
                            .build(), p));
                }
                return doCheckout(req, s, key, patron, item, noBlock, feeAck);
            });
        }
        return doCheckout(req, s, key, patron, item, noBlock, feeAck);
    }

    private CompletionStage<Sip2Message> doCheckout(Sip2Message req, Sip2Session s, String key, String patron, String item,
                                                    boolean noBlock, boolean feeAck) {
        Sip2Profile p = s.profile();
        Instant occurred = noBlock ? parseSipDate(req.fixed(TRANSACTION_DATE), p.zone()) : null;
        return withLibrary(req, s, null, key, occurred, ctx -> exec(s, 
                new Commands.CheckOut(ctx, patron, item, pin(req), p.checkoutPinRequired(), noBlock, feeAck)))
                .thenApply(o -> {
                    Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.CHECKOUT_RESPONSE);
                    if (o instanceof Outcome.Success<Views.CheckedOut> ok) {
                        Views.CheckedOut c = ok.result();
                        b.ok(OK, true).yn(RENEWAL_OK, c.renewal()).fixed(MAGNETIC_MEDIA, "N").fixed(DESENSITIZE, "Y")
                                .fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s)).field(AA, patron).field(AB, c.item().barcode())
                                .field(AJ, nz(c.item().title())).field(AH, dueDate(c.dueAt(), p));
                        if (c.fee() != null && c.fee().isPositive()) {
                            b.field(BT, "06").field(BH, currency(c.fee(), p)).field(BV, money(c.fee()));
                        }
                        b.field(CK, mediaType(c.item().itemType(), p)).field(CI, "N")
                                .field(AF, screenMessage(p, c.renewal() ? "CHECKOUT_RENEWED" : "CHECKOUT_OK", p.language(), null));
                        return hide(b.build(), p);
                    }
                    Outcome.Refused<Views.CheckedOut> r = (Outcome.Refused<Views.CheckedOut>) o;
                    Views.ItemInfo i = r.context() instanceof Views.ItemInfo ii ? ii : null;
                    b.ok(OK, false).yn(RENEWAL_OK, false).fixed(MAGNETIC_MEDIA, i == null ? "U" : "N").fixed(DESENSITIZE, "N")
                            .fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s)).field(AA, patron).field(AB, item)
                            .field(AJ, i == null ? "" : nz(i.title())).field(AH, "");
                    if (i != null) {
                        b.field(CK, mediaType(i.itemType(), p));
                    }
                    b.field(AF, refusalMessage(p, r.reason(), r.message(), p.language()));
                    return hide(b.build(), p);
                });
    }

    private CompletionStage<Sip2Message> checkin(Sip2Message req, Sip2Session s, String key) {
        String item = req.trimmed(AB);
        if (item == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        Sip2Profile p = s.profile();
        boolean noBlock = "Y".equalsIgnoreCase(req.fixed(NO_BLOCK));
        Instant returned = parseSipDate(req.fixed(RETURN_DATE), p.zone());
        Instant occurred = returned != null && returned.isBefore(clock.instant()) ? returned : null;
        return withLibrary(req, s, req.trimmed(AP), key, occurred, ctx -> exec(s, new Commands.CheckIn(ctx, item, noBlock)))
                .thenApply(o -> {
                    Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.CHECKIN_RESPONSE);
                    if (o instanceof Outcome.Success<Views.CheckedIn> ok) {
                        Views.CheckedIn c = ok.result();
                        Views.ItemInfo i = c.item();
                        b.ok(OK, true).fixed(RESENSITIZE, "Y").fixed(MAGNETIC_MEDIA, "N").yn(ALERT, c.alert())
                                .fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s)).field(AB, i.barcode())
                                .field(AQ, nz(i.homeLibrary())).field(AJ, nz(i.title()));
                        String bin = p.sortBins().get(c.destination().name());
                        b.field(CL, bin);
                        if (c.hold() != null) {
                            b.field(AA, c.hold().patronBarcode());
                        }
                        b.field(CK, mediaType(i.itemType(), p)).field(CS, i.callNumber());
                        String alertType = alertType(c);
                        if (alertType != null) {
                            b.field(CV, alertType);
                        }
                        if (c.destination() != Views.ReturnDestination.RESHELVE && c.destinationLibrary() != null) {
                            b.field(CT, c.destinationLibrary());
                        }
                        if (c.hold() != null) {
                            b.field(CY, c.hold().patronBarcode()).field(DA, c.hold().patronName());
                        }
                        String msgKey = c.hold() != null ? (c.hold().inTransit() ? "CHECKIN_TRANSIT" : "CHECKIN_HOLD")
                                : c.destination() == Views.ReturnDestination.TRANSIT_HOME ? "CHECKIN_TRANSIT" : "CHECKIN_OK";
                        b.field(AF, screenMessage(p, msgKey, p.language(), null));
                        if (c.fine() != null && c.fine().isPositive()) {
                            b.field(AF, screenMessage(p, "CHECKIN_FINE", p.language(), null) + ": " + money(c.fine()));
                        }
                        return hide(b.build(), p);
                    }
                    Outcome.Refused<Views.CheckedIn> r = (Outcome.Refused<Views.CheckedIn>) o;
                    return b.ok(OK, false).fixed(RESENSITIZE, "N").fixed(MAGNETIC_MEDIA, "U").fixed(ALERT, "Y")
                            .fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s)).field(AB, item).field(AQ, "")
                            .field(AF, refusalMessage(p, r.reason(), r.message(), p.language())).build();
                });
    }

    /** 3M CV: 01 hold here, 02 hold at another branch, 04 send to another branch, 99 other (ILL return). */
    private static String alertType(Views.CheckedIn c) {
        return switch (c.destination()) {
            case HOLD_SHELF -> "01";
            case TRANSIT_FOR_HOLD -> "02";
            case TRANSIT_HOME -> "04";
            case ILL_RETURN -> "99";
            case RESHELVE -> null;
        };
    }

    private CompletionStage<Sip2Message> renew(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String item = req.trimmed(AB);
        if (patron == null || item == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        Sip2Profile p = s.profile();
        Instant occurred = "Y".equalsIgnoreCase(req.fixed(NO_BLOCK)) ? parseSipDate(req.fixed(TRANSACTION_DATE), p.zone()) : null;
        return withLibrary(req, s, null, key, occurred, ctx -> exec(s, new Commands.Renew(ctx, patron, item, pin(req))))
                .thenApply(o -> {
                    Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.RENEW_RESPONSE);
                    if (o instanceof Outcome.Success<Views.Renewed> ok) {
                        Views.Renewed r = ok.result();
                        return hide(b.ok(OK, true).yn(RENEWAL_OK, true).fixed(MAGNETIC_MEDIA, "N").fixed(DESENSITIZE, "Y")
                                .fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s)).field(AA, patron).field(AB, r.item().barcode())
                                .field(AJ, nz(r.item().title())).field(AH, dueDate(r.dueAt(), p))
                                .field(CK, mediaType(r.item().itemType(), p))
                                .field(AF, screenMessage(p, "RENEW_OK", p.language(), null)).build(), p);
                    }
                    Outcome.Refused<Views.Renewed> r = (Outcome.Refused<Views.Renewed>) o;
                    Views.ItemInfo i = r.context() instanceof Views.ItemInfo ii ? ii : null;
                    return hide(b.ok(OK, false).yn(RENEWAL_OK, false).fixed(MAGNETIC_MEDIA, i == null ? "U" : "N").fixed(DESENSITIZE, "N")
                            .fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s)).field(AA, patron).field(AB, item)
                            .field(AJ, i == null ? "" : nz(i.title())).field(AH, i == null ? "" : dueDate(i.dueAt(), p))
                            .field(AF, refusalMessage(p, r.reason(), r.message(), p.language())).build(), p);
                });
    }

    private CompletionStage<Sip2Message> renewAll(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        if (patron == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        Sip2Profile p = s.profile();
        return withLibrary(req, s, null, key, null, ctx -> exec(s, new Commands.RenewAll(ctx, patron, pin(req))))
                .thenApply(o -> {
                    Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.RENEW_ALL_RESPONSE);
                    if (o instanceof Outcome.Success<Views.RenewedAll> ok) {
                        Views.RenewedAll r = ok.result();
                        b.ok(OK, true).fixed(RENEWED_COUNT, n4(r.renewed().size())).fixed(UNRENEWED_COUNT, n4(r.refused().size()))
                                .fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s));
                        b.fields(BM, r.renewed().stream().map(x -> x.item().barcode()).toList());
                        b.fields(BN, r.refused().stream().map(Views.RenewFailure::itemBarcode).toList());
                        for (Views.RenewFailure f : r.refused()) {
                            b.field(AF, f.itemBarcode() + ": " + refusalMessage(p, f.reason(), f.message(), p.language()));
                        }
                        return hide(b.build(), p);
                    }
                    Outcome.Refused<Views.RenewedAll> r = (Outcome.Refused<Views.RenewedAll>) o;
                    return b.ok(OK, false).fixed(RENEWED_COUNT, "0000").fixed(UNRENEWED_COUNT, "0000").fixed(TRANSACTION_DATE, now(s))
                            .field(AO, ao(req, s)).field(AF, refusalMessage(p, r.reason(), r.message(), p.language())).build();
                });
    }

    // ------------------------------------------------------------------ items

    private CompletionStage<Sip2Message> itemInformation(Sip2Message req, Sip2Session s, String key) {
        String item = req.trimmed(AB);
        if (item == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        Sip2Profile p = s.profile();
        return exec(s, new Commands.LookupItem(ctx(req, s, null, null, null), item)).thenApply(o -> {
            Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.ITEM_INFORMATION_RESPONSE);
            if (o instanceof Outcome.Success<Views.ItemInfo> ok) {
                Views.ItemInfo i = ok.result();
                b.fixed(CIRCULATION_STATUS, circulationStatus(i)).fixed(SECURITY_MARKER, "02").fixed(FEE_TYPE, "01")
                        .fixed(TRANSACTION_DATE, now(s));
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
                return hide(b.build(), p);
            }
            Outcome.Refused<Views.ItemInfo> r = (Outcome.Refused<Views.ItemInfo>) o;
            return b.fixed(CIRCULATION_STATUS, "01").fixed(SECURITY_MARKER, "00").fixed(FEE_TYPE, "01").fixed(TRANSACTION_DATE, now(s))
                    .field(AB, item).field(AJ, "").field(AF, refusalMessage(p, r.reason(), r.message(), p.language())).build();
        });
    }

    private CompletionStage<Sip2Message> itemStatusUpdate(Sip2Message req, Sip2Session s, String key) {
        String item = req.trimmed(AB);
        Sip2Profile p = s.profile();
        String props = req.trimmed(CH);
        if (item == null || props == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        String target = p.itemPropertiesField();
        if ("none".equals(target)) {
            return done(failure(req, s, "ITEM_PROPERTIES_NOT_STORED"));
        }
        return withLibrary(req, s, null, key, null, ctx -> exec(s, new Commands.UpdateItem(ctx, item, (ItemStatus) null,
                "location".equals(target) ? props : null, "callNumber".equals(target) ? props : null)))
                .thenApply(o -> {
                    Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.ITEM_STATUS_UPDATE_RESPONSE);
                    if (o instanceof Outcome.Success<Views.ItemInfo> ok) {
                        return b.ok(ITEM_PROPERTIES_OK, true).fixed(TRANSACTION_DATE, now(s)).field(AB, item)
                                .field(AJ, nz(ok.result().title())).field(CH, props).build();
                    }
                    Outcome.Refused<Views.ItemInfo> r = (Outcome.Refused<Views.ItemInfo>) o;
                    return b.ok(ITEM_PROPERTIES_OK, false).fixed(TRANSACTION_DATE, now(s)).field(AB, item)
                            .field(AF, refusalMessage(p, r.reason(), r.message(), p.language())).build();
                });
    }

    // ------------------------------------------------------------------ holds and fees

    private CompletionStage<Sip2Message> hold(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        String item = req.trimmed(AB);
        String title = req.trimmed(AJ);
        if (patron == null || (item == null && title == null)) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        Sip2Profile p = s.profile();
        String bib = item == null ? title : null;
        String pickup = req.trimmed(BS);
        LocalDate expires = parseSipDay(req.trimmed(BW) == null ? null : req.field(BW), p.zone());
        char mode = req.fixed(HOLD_MODE).charAt(0);
        return checkPin(req, s, patron).thenCompose(pinFail -> {
            if (pinFail != null) {
                return done(holdFailure(req, s, pinFail));
            }
            return withLibrary(req, s, null, key, null, ctx -> {
                Command<?> cmd = switch (mode) {
                    case '+' -> new Commands.PlaceHold(ctx, patron, item, bib, pickup, expires);
                    case '-' -> new Commands.CancelHold(ctx, patron, item, bib);
                    default -> new Commands.ChangeHold(ctx, patron, item, bib, pickup, expires);
                };
                @SuppressWarnings("unchecked")
                CompletionStage<Outcome<Object>> r = exec(s, (Command<Object>) cmd);
                return r;
            }).thenApply(o -> {
                if (o instanceof Outcome.Refused<Object> r) {
                    return holdFailure(req, s, refusalMessage(p, r.reason(), r.message(), p.language()));
                }
                Object v = o.value();
                Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.HOLD_RESPONSE).ok(OK, true);
                if (v instanceof Views.HoldPlaced h) {
                    b.yn(AVAILABLE, h.available()).fixed(TRANSACTION_DATE, now(s));
                    if (h.expiresOn() != null) {
                        b.field(BW, sipDate(h.expiresOn().atStartOfDay(p.zone()).toInstant(), p.zone()));
                    }
                    b.field(BR, String.valueOf(h.queuePosition())).field(BS, h.pickupLibrary()).field(AO, ao(req, s))
                            .field(AA, patron).field(AB, h.itemBarcode()).field(AJ, h.title())
                            .field(AF, screenMessage(p, mode == '+' ? "HOLD_PLACED" : "HOLD_CHANGED", p.language(), null));
                } else {
                    Views.HoldCancelled c = (Views.HoldCancelled) v;
                    b.yn(AVAILABLE, false).fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s)).field(AA, patron)
                            .field(AB, c.itemBarcode()).field(AJ, item == null ? title : null)
                            .field(AF, screenMessage(p, "HOLD_CANCELLED", p.language(), null));
                }
                return hide(b.build(), p);
            });
        });
    }

    private Sip2Message holdFailure(Sip2Message req, Sip2Session s, String af) {
        return Sip2Message.builder(Sip2MessageType.HOLD_RESPONSE).ok(OK, false).yn(AVAILABLE, false).fixed(TRANSACTION_DATE, now(s))
                .field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AB, req.trimmed(AB)).field(AJ, req.trimmed(AJ))
                .field(AF, af).build();
    }

    private CompletionStage<Sip2Message> feePaid(Sip2Message req, Sip2Session s, String key) {
        String patron = req.trimmed(AA);
        Sip2Profile p = s.profile();
        if (patron == null || req.trimmed(BV) == null) {
            return done(failure(req, s, "MISSING_FIELD"));
        }
        Money amount;
        Long feeId = null;
        try {
            String cur = req.fixed(CURRENCY_TYPE).strip();
            if (cur.isEmpty()) {
                cur = p.currency() == null ? "USD" : p.currency();
            }
            amount = new Money(new BigDecimal(req.trimmed(BV)), Currency.getInstance(cur.toUpperCase(java.util.Locale.ROOT)));
            if (req.trimmed(CG) != null) {
                feeId = Long.parseLong(req.trimmed(CG));
            }
        } catch (IllegalArgumentException e) {
            return done(feePaidResponse(req, s, false, screenMessage(p, "INVALID_AMOUNT", p.language(), "Invalid amount, currency or fee id")));
        }
        final Money paid = amount;
        final Long fee = feeId;
        String bk = req.trimmed(BK);
        String method = "SIP2 payment type " + req.fixed(PAYMENT_TYPE);
        return checkPin(req, s, patron).thenCompose(pinFail -> {
            if (pinFail != null) {
                return done(feePaidResponse(req, s, false, pinFail));
            }
            return withLibrary(req, s, null, key, null, ctx -> exec(s, new Commands.PayFee(ctx, patron, paid, fee, bk, method)))
                    .thenApply(o -> {
                        if (o instanceof Outcome.Success<Views.FeePaid> ok) {
                            return feePaidResponse(req, s, true, screenMessage(p, "FEE_PAID", p.language(), null)
                                    + " (" + money(ok.result().amount()) + ")");
                        }
                        Outcome.Refused<Views.FeePaid> r = (Outcome.Refused<Views.FeePaid>) o;
                        return feePaidResponse(req, s, false, refusalMessage(p, r.reason(), r.message(), p.language()));
                    });
        });
    }

    private Sip2Message feePaidResponse(Sip2Message req, Sip2Session s, boolean accepted, String af) {
        return Sip2Message.builder(Sip2MessageType.FEE_PAID_RESPONSE).yn(PAYMENT_ACCEPTED, accepted).fixed(TRANSACTION_DATE, now(s))
                .field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(BK, req.trimmed(BK)).field(AF, af).build();
    }

    /** Verifies AD when present; completes with null when fine, else the AF text. */
    private CompletionStage<String> checkPin(Sip2Message req, Sip2Session s, String patron) {
        String pin = pin(req);
        if (pin == null) {
            return done(null);
        }
        Sip2Profile p = s.profile();
        return exec(s, new Commands.LookupPatron(ctx(req, s, null, null, null), patron, pin)).thenApply(o -> {
            if (o instanceof Outcome.Refused<Views.PatronInfo> r) {
                return r.reason() == RefusalReason.UNKNOWN_PATRON ? screenMessage(p, "INVALID_PATRON", p.language(), null)
                        : refusalMessage(p, r.reason(), r.message(), p.language());
            }
            return o.value().pin() == Views.PinCheck.INVALID ? screenMessage(p, "INVALID_PIN", p.language(), null) : null;
        });
    }

    // ------------------------------------------------------------------ failures and helpers

    /**
     * The well-formed refusal of any request: used for a foreign institution, a terminal not logged in, a missing
     * field or an unsupported message.
     */
    public Sip2Message failure(Sip2Message req, Sip2Session s, String messageKey) {
        Sip2Profile p = s.profile();
        String af = screenMessage(p, messageKey, p.language(), null);
        String lang = req.fixed(LANGUAGE) == null ? p.language() : req.fixed(LANGUAGE);
        return switch (req.type()) {
            case LOGIN_REQUEST -> loginResponse(false);
            case SC_STATUS_REQUEST -> acsStatus(s, false);
            case PATRON_STATUS_REQUEST, BLOCK_PATRON_REQUEST -> Sip2Message.builder(Sip2MessageType.PATRON_STATUS_RESPONSE)
                    .fixed(PATRON_STATUS, DENIED_STATUS).fixed(LANGUAGE, lang).fixed(TRANSACTION_DATE, now(s))
                    .field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AE, "").field(BL, "N").field(AF, af).build();
            case PATRON_ENABLE_REQUEST -> Sip2Message.builder(Sip2MessageType.PATRON_ENABLE_RESPONSE)
                    .fixed(PATRON_STATUS, DENIED_STATUS).fixed(LANGUAGE, lang).fixed(TRANSACTION_DATE, now(s))
                    .field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AE, "").field(BL, "N").field(AF, af).build();
            case PATRON_INFORMATION_REQUEST -> emptyPatronInformation(req, s, lang, af);
            case CHECKOUT_REQUEST, RENEW_REQUEST -> Sip2Message.builder(req.type() == Sip2MessageType.CHECKOUT_REQUEST
                            ? Sip2MessageType.CHECKOUT_RESPONSE : Sip2MessageType.RENEW_RESPONSE)
                    .ok(OK, false).yn(RENEWAL_OK, false).fixed(MAGNETIC_MEDIA, "U").fixed(DESENSITIZE, "N").fixed(TRANSACTION_DATE, now(s))
                    .field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AB, nz(req.field(AB))).field(AJ, "").field(AH, "")
                    .field(AF, af).build();
            case CHECKIN_REQUEST -> Sip2Message.builder(Sip2MessageType.CHECKIN_RESPONSE).ok(OK, false).fixed(RESENSITIZE, "N")
                    .fixed(MAGNETIC_MEDIA, "U").fixed(ALERT, "N").fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s))
                    .field(AB, nz(req.field(AB))).field(AQ, "").field(AF, af).build();
            case ITEM_INFORMATION_REQUEST -> Sip2Message.builder(Sip2MessageType.ITEM_INFORMATION_RESPONSE)
                    .fixed(CIRCULATION_STATUS, "01").fixed(SECURITY_MARKER, "00").fixed(FEE_TYPE, "01").fixed(TRANSACTION_DATE, now(s))
                    .field(AB, nz(req.field(AB))).field(AJ, "").field(AF, af).build();
            case ITEM_STATUS_UPDATE_REQUEST -> Sip2Message.builder(Sip2MessageType.ITEM_STATUS_UPDATE_RESPONSE)
                    .ok(ITEM_PROPERTIES_OK, false).fixed(TRANSACTION_DATE, now(s)).field(AB, nz(req.field(AB))).field(AF, af).build();
            case HOLD_REQUEST -> holdFailure(req, s, af);
            case RENEW_ALL_REQUEST -> Sip2Message.builder(Sip2MessageType.RENEW_ALL_RESPONSE).ok(OK, false)
                    .fixed(RENEWED_COUNT, "0000").fixed(UNRENEWED_COUNT, "0000").fixed(TRANSACTION_DATE, now(s))
                    .field(AO, ao(req, s)).field(AF, af).build();
            case END_PATRON_SESSION_REQUEST -> Sip2Message.builder(Sip2MessageType.END_SESSION_RESPONSE).yn(END_SESSION, false)
                    .fixed(TRANSACTION_DATE, now(s)).field(AO, ao(req, s)).field(AA, nz(req.field(AA))).field(AF, af).build();
            case FEE_PAID_REQUEST -> feePaidResponse(req, s, false, af);
            default -> throw new IllegalArgumentException("no failure response for " + req.type());
        };
    }

    /** The institution the request acts in, or null when the terminal may not act there. */
    public static String institutionFor(Sip2Message req, Sip2Session s) {
        String ao = req.trimmed(AO);
        if (ao == null || ao.equals(s.institution())) {
            return s.institution();
        }
        return s.profile().extraInstitutions().contains(ao) ? ao : null;
    }

    private RequestContext ctx(Sip2Message req, Sip2Session s, String library, String key, Instant occurred) {
        String inst = institutionFor(req, s);
        String terminal = s.location() != null ? s.location() : s.login();
        return new RequestContext(Channel.SIP2, s.login(), terminal, inst, library, key, occurred);
    }

    /**
     * Runs {@code action} with a context whose library is {@code candidate} (else the login's CP location) when that
     * is a library of the request's institution; otherwise the institution itself.
     */
    private <T> CompletionStage<Outcome<T>> withLibrary(Sip2Message req, Sip2Session s, String candidate, String key, Instant occurred,
                                                        java.util.function.Function<RequestContext, CompletionStage<Outcome<T>>> action) {
        String code = candidate != null ? candidate : s.location();
        String inst = institutionFor(req, s);
        if (code == null) {
            return action.apply(ctx(req, s, null, key, occurred));
        }
        String cached = s.libraryInstitution(code);
        if (cached != null) {
            return action.apply(ctx(req, s, cached.equals(inst) ? code : null, key, occurred));
        }
        return exec(s, new Commands.LookupLibrary(ctx(req, s, null, null, null), code)).thenCompose(o -> {
            String libInst = o instanceof Outcome.Success<Views.LibraryView> ok ? ok.result().institution() : "";
            s.libraryInstitution(code, libInst);
            return action.apply(ctx(req, s, libInst.equals(inst) ? code : null, key, occurred));
        });
    }

    /** Runs a command; the outcome is handed back on the connection's event loop, off the engine's threads. */
    private <R> CompletionStage<Outcome<R>> exec(Sip2Session s, Command<R> command) {
        return port.execute(command).thenApplyAsync(java.util.function.Function.identity(), s.executor());
    }

    private static String pin(Sip2Message req) {
        String ad = req.field(AD);
        return ad == null || ad.isEmpty() ? null : ad;
    }

    private static String ao(Sip2Message req, Sip2Session s) {
        String ao = req.trimmed(AO);
        return ao == null ? s.institution() : ao;
    }

    private String now(Sip2Session s) {
        return sipDate(clock.instant(), s.profile().zone());
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }

    /** Drops the fields the profile hides (required fields stay, empty). */
    private static Sip2Message hide(Sip2Message m, Sip2Profile p) {
        if (p.hiddenFields().isEmpty()) {
            return m;
        }
        Sip2Message.Builder b = Sip2Message.builder(m.type());
        for (org.stackbridge.sip2.spec.FixedField f : m.type().spec().fixed()) {
            b.fixed(f, m.fixed(f));
        }
        for (org.stackbridge.sip2.message.Sip2Field f : m.fields()) {
            if (!p.hiddenFields().contains(f.code().code())) {
                b.add(f);
            }
        }
        return b.build();
    }

    private static <T> CompletionStage<T> done(T v) {
        return CompletableFuture.completedFuture(v);
    }
}
