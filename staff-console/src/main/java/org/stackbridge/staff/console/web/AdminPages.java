package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.console.page.OpsPages;
import org.stackbridge.staff.console.page.OpsPages.LibrariesAdminPage;
import org.stackbridge.staff.console.page.OpsPages.RulesAdminPage;
import org.stackbridge.staff.console.page.OpsPages.StaffAdminPage;
import org.stackbridge.staff.console.page.OpsPages.TerminalAdminPage;
import org.stackbridge.staff.resource.LibrariesResource;
import org.stackbridge.staff.resource.Sip2AccountsResource;
import org.stackbridge.staff.resource.StaffAccountsResource;

/**
 * Administration (admin role: each page needs the permission of the staff API call it makes, enforced on the server):
 * staff accounts, SIP2 terminal accounts and the (read-only) profiles, libraries and their closed days, and the
 * circulation rules with the {@code policy show} explanation. Every change goes through the staff API's own resource
 * (its checks, its engine command, its audit event in the staff member's name), so the console and the API cannot
 * differ; a refusal is shown as a notice naming the field or the conflict.
 */
@Singleton
@Path("admin")
@Produces(MediaType.TEXT_HTML)
public final class AdminPages {

    /** The API's largest page: every entry on one screen. */
    private static final int ALL = 1000;

    private final StaffApiCalls api;
    private final ConsoleEngine engine;
    private final Pages pages;

    @Inject
    public AdminPages(StaffApiCalls api, ConsoleEngine engine, Pages pages) {
        this.api = api;
        this.engine = engine;
        this.pages = pages;
    }

    // ------------------------------------------------------------------ staff accounts

    @GET
    @Path("staff")
    @Requires(StaffPermission.ACCOUNTS)
    public Response staff(@Context SecurityContext security) {
        return staffPage(DeskPages.session(security), 200, null);
    }

    @POST
    @Path("staff")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.ACCOUNTS)
    public Response addStaff(@FormParam("login") String login, @FormParam("password") String password, @FormParam("role") String role,
                             @FormParam("library") String library, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        var r = api.call(() -> api.staff().add(new StaffAccountsResource.StaffRequest(blankToNull(login), password, blankToNull(role),
                blankToNull(library)), StaffApiCalls.as(session)));
        return staffPage(session, r.ok() ? 201 : r.status(), r.ok() ? Notice.ok("Staff account " + login + " added.") : r.notice());
    }

    @POST
    @Path("staff/{login}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.ACCOUNTS)
    public Response enableStaff(@PathParam("login") String login, @FormParam("enabled") String enabled, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        boolean on = "true".equals(enabled);
        var r = api.call(() -> api.staff().change(login, new StaffAccountsResource.StaffChange(null, null, null, on),
                StaffApiCalls.as(session)));
        return staffPage(session, r.status(), r.ok() ? Notice.ok("Staff account " + login + (on ? " enabled." : " disabled; its sessions ended."))
                : r.notice());
    }

    @POST
    @Path("staff/{login}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.ACCOUNTS)
    public Response staffPassword(@PathParam("login") String login, @FormParam("password") String password,
                                  @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        var r = api.call(() -> api.staff().change(login, new StaffAccountsResource.StaffChange(password == null ? "" : password, null,
                null, null), StaffApiCalls.as(session)));
        return staffPage(session, r.status(), r.ok() ? Notice.ok("New password set for " + login + "; its sessions ended.") : r.notice());
    }

    private Response staffPage(ConsoleSession session, int status, Notice notice) {
        var accounts = api.call(() -> api.staff().list(null, null, 1, ALL, StaffApiCalls.as(session)));
        if (!accounts.ok()) {
            return Forms.html(accounts.status(), pages.error(session, accounts.status(), "Not available", accounts.notice().text()));
        }
        List<AdminViews.StaffEntry> list = StaffApiCalls.entities(accounts.value());
        return Forms.html(status, pages.render("staff.jte", new StaffAdminPage(pages.chrome("Staff accounts", "admin", session),
                list, libraries(session), notice)));
    }

    // ------------------------------------------------------------------ SIP2 terminal accounts and profiles

    @GET
    @Path("terminals")
    @Requires(StaffPermission.TERMINALS)
    public Response terminals(@Context SecurityContext security) {
        return terminalPage(DeskPages.session(security), 200, null);
    }

    @POST
    @Path("terminals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.TERMINALS)
    public Response addTerminal(@FormParam("login") String login, @FormParam("password") String password,
                                @FormParam("institution") String institution, @FormParam("profile") String profile,
                                @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        var r = api.call(() -> api.sip2().add(new Sip2AccountsResource.AccountRequest(blankToNull(login), password, blankToNull(institution),
                blankToNull(profile)), StaffApiCalls.as(session)));
        return terminalPage(session, r.ok() ? 201 : r.status(), r.ok() ? Notice.ok("Terminal account " + login + " added; it can log in now.")
                : r.notice());
    }

    @POST
    @Path("terminals/{login}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.TERMINALS)
    public Response changeTerminal(@PathParam("login") String login, @FormParam("enabled") String enabled,
                                   @FormParam("profile") String profile, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        Boolean on = enabled == null ? null : "true".equals(enabled);
        var r = api.call(() -> api.sip2().change(login, new Sip2AccountsResource.AccountChange(null, null, blankToNull(profile), on),
                StaffApiCalls.as(session)));
        String what = on == null ? "now uses profile " + profile : on ? "enabled" : "disabled";
        return terminalPage(session, r.status(), r.ok() ? Notice.ok("Terminal account " + login + " " + what + ".") : r.notice());
    }

    /** Switches a SIP2 terminal's trace on this node ({@code PUT}/{@code DELETE /api/v1/traces/sip2/{login}}). */
    @POST
    @Path("traces/sip2/{login}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.TERMINALS)
    public Response traceTerminal(@PathParam("login") String login, @FormParam("traced") String traced, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        boolean on = "true".equals(traced);
        var r = api.now(() -> on ? api.traces().on(login, StaffApiCalls.as(session)) : api.traces().off(login, StaffApiCalls.as(session)));
        return terminalPage(session, r.status(), r.ok() ? Notice.ok("SIP2 trace of " + login + (on ? " on" : " off") + " on this node.")
                : r.notice());
    }

    /** Switches an NCIP agency's trace on this node ({@code PUT}/{@code DELETE /api/v1/traces/ncip/{agency}}). */
    @POST
    @Path("traces/ncip/{agency}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.TERMINALS)
    public Response traceAgency(@PathParam("agency") String agency, @FormParam("traced") String traced, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        boolean on = "true".equals(traced);
        var r = api.now(() -> on ? api.traces().agencyOn(agency, StaffApiCalls.as(session))
                : api.traces().agencyOff(agency, StaffApiCalls.as(session)));
        return terminalPage(session, r.status(), r.ok() ? Notice.ok("NCIP trace of " + agency + (on ? " on" : " off") + " on this node.")
                : r.notice());
    }

    private Response terminalPage(ConsoleSession session, int status, Notice notice) {
        var accounts = api.call(() -> api.sip2().list(null, 1, ALL, StaffApiCalls.as(session)));
        if (!accounts.ok()) {
            return Forms.html(accounts.status(), pages.error(session, accounts.status(), "Not available", accounts.notice().text()));
        }
        List<AdminViews.TerminalAccountEntry> list = StaffApiCalls.entities(accounts.value());
        List<String> institutions = libraries(session).stream().map(AdminViews.LibraryEntry::institution).distinct().sorted().toList();
        Map<String, Map<String, Object>> profiles = new TreeMap<>(api.sip2().profiles().profiles());
        var traced = api.traces().list();
        OpsPages.Traces traces = new OpsPages.Traces(traced.sip2(), traced.ncip(), api.services().agencyTraces().agencies());
        return Forms.html(status, pages.render("adminTerminals.jte", new TerminalAdminPage(pages.chrome("SIP2 terminals", "admin", session),
                list, institutions, profiles, notice, traces)));
    }

    // ------------------------------------------------------------------ libraries and closed days

    @GET
    @Path("libraries")
    @Requires(StaffPermission.LIBRARIES)
    public Response libraries(@Context SecurityContext security) {
        return libraryPage(DeskPages.session(security), 200, null);
    }

    @POST
    @Path("libraries")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.LIBRARIES)
    public Response addLibrary(@FormParam("code") String code, @FormParam("name") String name, @FormParam("institution") String institution,
                               @FormParam("timezone") String timezone, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        var r = api.call(() -> api.libraries().add(new LibrariesResource.LibraryRequest(blankToNull(code), blankToNull(name),
                blankToNull(institution), blankToNull(timezone), null, null), StaffApiCalls.as(session)));
        return libraryPage(session, r.ok() ? 201 : r.status(), r.ok() ? Notice.ok("Library " + code + " added.") : r.notice());
    }

    /** Adds ({@code action=add}) or removes ({@code action=remove}) one closed date of a library. */
    @POST
    @Path("libraries/{code}/closed-dates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.LIBRARIES)
    public Response closedDate(@PathParam("code") String code, @FormParam("date") String date, @FormParam("action") String action,
                               @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        LocalDate day;
        try {
            day = LocalDate.parse(date == null ? "" : date.strip());
        } catch (DateTimeParseException e) {
            return libraryPage(session, 400, Notice.error("date: enter a date as YYYY-MM-DD."));
        }
        boolean add = !"remove".equals(action);
        var current = api.call(() -> api.libraries().closedDays(code, StaffApiCalls.as(session)));
        if (!current.ok()) {
            return libraryPage(session, current.status(), current.notice());
        }
        List<String> dates = new ArrayList<>(current.value().dates().stream().map(LocalDate::toString).toList());
        if (add ? dates.contains(day.toString()) : !dates.contains(day.toString())) {
            return libraryPage(session, 409, Notice.error(code + " is " + (add ? "already" : "not") + " closed on " + day + "."));
        }
        if (add) {
            dates.add(day.toString());
        } else {
            dates.remove(day.toString());
        }
        var r = api.call(() -> api.libraries().setClosedDays(code, new LibrariesResource.ClosedDaysRequest(current.value().weekdays(), dates),
                StaffApiCalls.as(session)));
        return libraryPage(session, r.status(), r.ok() ? Notice.ok(code + (add ? " is closed on " : " is open again on ") + day + ".")
                : r.notice());
    }

    private Response libraryPage(ConsoleSession session, int status, Notice notice) {
        return Forms.html(status, pages.render("adminLibraries.jte", new LibrariesAdminPage(pages.chrome("Libraries", "admin", session),
                libraries(session), notice)));
    }

    // ------------------------------------------------------------------ circulation rules

    /** The rule table and, with a library, category and item type, which rule applies and why. */
    @GET
    @Path("rules")
    @Requires(StaffPermission.RULES)
    public Response rules(@QueryParam("library") String library, @QueryParam("category") String category,
                          @QueryParam("item_type") String itemType, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        var rules = api.call(() -> api.rules().list(null, null, null, 1, ALL, StaffApiCalls.as(session)));
        if (!rules.ok()) {
            return Forms.html(rules.status(), pages.error(session, rules.status(), "Not available", rules.notice().text()));
        }
        AdminViews.RuleExplanation explanation = null;
        Notice notice = null;
        int status = 200;
        String l = blankToNull(library);
        String c = blankToNull(category);
        String t = blankToNull(itemType);
        if (l != null || c != null || t != null) {
            var explained = api.call(() -> api.rules().effective(l, c, t, StaffApiCalls.as(session)));
            if (explained.ok()) {
                explanation = explained.value();
            } else {
                notice = explained.notice();
                status = explained.status();
            }
        }
        List<String> libraries = libraries(session).stream().map(AdminViews.LibraryEntry::code).toList();
        return Forms.html(status, pages.render("adminRules.jte", new RulesAdminPage(pages.chrome("Circulation rules", "admin", session),
                StaffApiCalls.entities(rules.value()), libraries, codes(session, CodeKind.PATRON_CATEGORY), codes(session, CodeKind.ITEM_TYPE),
                l, c, t, explanation, notice)));
    }

    // ------------------------------------------------------------------ shared

    private List<AdminViews.LibraryEntry> libraries(ConsoleSession session) {
        var r = api.call(() -> api.libraries().list(null, 1, ALL, StaffApiCalls.as(session)));
        if (!r.ok()) {
            return List.of();
        }
        List<AdminViews.LibraryEntry> list = StaffApiCalls.entities(r.value());
        return list.stream().sorted(Comparator.comparing(AdminViews.LibraryEntry::code)).toList();
    }

    private List<String> codes(ConsoleSession session, CodeKind kind) {
        Outcome<List<AdminViews.CodeView>> out = engine.run(new AdminCommands.ListCodes(engine.context(session), kind));
        return out.isSuccess() ? out.value().stream().map(AdminViews.CodeView::code).sorted().toList() : List.of();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
