package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.report.ReportCatalogue;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.Fmt;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.console.page.OpsPages.ReportChoice;
import org.stackbridge.staff.console.page.OpsPages.ReportsPage;

/**
 * {@code /console/reports}: pick a report, dates and a breakdown; the table, the chart drawn on the server (SVG from the
 * staff API's {@code ReportCharts}, loaded by an {@code <img>} from {@code /console/reports/chart}, so the page needs no
 * script) and a CSV download. Every answer comes from the staff API's reports resource: the same parameters, checks
 * and library scoping as {@code GET /api/v1/reports/{name}}.
 */
@Singleton
@Path("reports")
public final class ReportPages {

    private static final int MAX_PARAM = 64;

    private final StaffApiCalls api;
    private final Pages pages;
    private final Clock clock;

    @Inject
    public ReportPages(StaffApiCalls api, Pages pages, Clock clock) {
        this.api = api;
        this.pages = pages;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(StaffPermission.REPORTS)
    public Response report(@QueryParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("by") String by, @QueryParam("period") String period, @QueryParam("library") String library,
                           @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String f = blankToNull(from) == null ? today.minusDays(30).toString() : clip(from);
        String t = blankToNull(to) == null ? today.toString() : clip(to);
        String n = blankToNull(name);
        if (n == null) {
            return page(200, session, null, f, t, by, period, library, null, null, false, null, null);
        }
        String b = blankToNull(by);
        String p = blankToNull(period);
        String l = blankToNull(library);
        StaffApiCalls.Result<Response> r = api.now(() -> api.reports().report(clip(n), f, t, b == null ? null : clip(b),
                p == null ? null : clip(p), l == null ? null : clip(l), "json", StaffApiCalls.as(session)));
        if (!r.ok()) {
            return page(r.status(), session, n, f, t, b, p, l, null, null, false, null, r.notice());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) r.value().getEntity();
        @SuppressWarnings("unchecked")
        List<String> columns = (List<String>) json.get("columns");
        List<List<String>> rows = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data = (List<Map<String, Object>>) json.get("rows");
        for (Map<String, Object> row : data) {
            rows.add(columns.stream().map(c -> cell(row.get(c))).toList());
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("name", n);
        query.put("from", f);
        query.put("to", t);
        query.put("by", b);
        query.put("period", p);
        query.put("library", l);
        StringBuilder qs = new StringBuilder();
        query.forEach((k, v) -> {
            if (v != null) {
                qs.append(qs.isEmpty() ? "" : "&").append(k).append('=').append(Fmt.query(v));
            }
        });
        return page(200, session, n, f, t, b, p, l, columns, rows, json.containsKey("chart"), qs.toString(), null);
    }

    /** The report's chart as SVG, for the page's {@code <img>}; same parameters as the page. */
    @GET
    @Path("chart")
    @Produces({"image/svg+xml", MediaType.TEXT_HTML})
    @Requires(StaffPermission.REPORTS)
    public Response chart(@QueryParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("by") String by, @QueryParam("period") String period, @QueryParam("library") String library,
                          @Context SecurityContext security) {
        return file(name, from, to, by, period, library, "svg", security);
    }

    /** The report as CSV (RFC 4180), downloaded as {@code NAME.csv}. */
    @GET
    @Path("csv")
    @Produces({"text/csv", MediaType.TEXT_HTML})
    @Requires(StaffPermission.REPORTS)
    public Response csv(@QueryParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("by") String by, @QueryParam("period") String period, @QueryParam("library") String library,
                        @Context SecurityContext security) {
        return file(name, from, to, by, period, library, "csv", security);
    }

    private Response file(String name, String from, String to, String by, String period, String library, String format,
                          SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        StaffApiCalls.Result<Response> r = api.now(() -> api.reports().report(clip(name), clip(from), clip(to), clip(blankToNull(by)),
                clip(blankToNull(period)), clip(blankToNull(library)), format, StaffApiCalls.as(session)));
        if (!r.ok()) {
            return Forms.html(r.status(), pages.error(session, r.status(), "Report not available", r.notice().text()));
        }
        byte[] body = (byte[]) r.value().getEntity();
        String type = format.equals("svg") ? "image/svg+xml" : "text/csv; charset=utf-8";
        String disposition = (format.equals("csv") ? "attachment" : "inline") + "; filename=\"" + r.value().getHeaderString("Content-Disposition")
                .replaceAll(".*filename=\"([^\"]+)\".*", "$1") + "\"";
        return Response.ok(body, type).header("Content-Disposition", disposition).build();
    }

    private Response page(int status, ConsoleSession session, String name, String from, String to, String by, String period,
                          String library, List<String> columns, List<List<String>> rows, boolean chart, String query, Notice notice) {
        List<ReportChoice> choices = ReportCatalogue.definitions().stream().map(d -> new ReportChoice(d.name(), d.title(), d.periodic(),
                d.dimensions().stream().map(x -> x.label()).filter(x -> !x.isEmpty() && !x.equals("none")).sorted().toList())).toList();
        return Forms.html(status, pages.render("reports.jte", new ReportsPage(pages.chrome("Reports", "reports", session), choices, name,
                from, to, by, period, library, columns, rows, chart, query, notice)));
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Map<?, ?> m && m.containsKey("amount")) {
            return m.get("amount") + " " + m.get("currency");
        }
        return String.valueOf(v);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Query parameters are short; a longer one is cut (the resource then names it as invalid). */
    private static String clip(String s) {
        return s == null || s.length() <= MAX_PARAM ? s : s.substring(0, MAX_PARAM);
    }
}
