package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.report.Report;
import org.stackbridge.core.report.ReportCatalogue;
import org.stackbridge.core.report.ReportException;
import org.stackbridge.core.report.ReportRequest;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.auth.StaffSession;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;
import org.stackbridge.staff.report.ReportCharts;
import org.stackbridge.staff.report.ReportFormats;

/**
 * {@code GET /reports}: the reports there are; {@code GET /reports/{name}?from=&to=&by=&period=&library=&format=}: one
 * report as JSON, CSV, or a chart (SVG, PNG). Reports are read-only queries; a bad parameter is a 400 naming it.
 */
@Singleton
@Path("reports")
public final class ReportsResource {

    private final ReportCatalogue reports;

    @Inject
    public ReportsResource(ReportCatalogue reports) {
        this.reports = reports;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.REPORTS)
    public Map<String, Object> list() {
        List<Map<String, Object>> out = ReportCatalogue.definitions().stream().map(d -> Map.<String, Object>of(
                "name", d.name(), "title", d.title(), "periodic", d.periodic(),
                "by", d.dimensions().stream().map(x -> x.label()).sorted().toList())).toList();
        return Map.of("reports", out, "max_range_days", reports.maxRangeDays(), "formats",
                List.of("json", "csv", "svg", "png"));
    }

    @GET
    @Path("{name}")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "image/svg+xml", "image/png"})
    @Requires(StaffPermission.REPORTS)
    public Response report(@PathParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("by") String by, @QueryParam("period") String period, @QueryParam("library") String library,
                           @QueryParam("format") String format, @Context SecurityContext security) {
        ReportFormats f = ReportFormats.parse(format).orElseThrow(() -> invalid("format", "one of json, csv, svg, png"));
        StaffSession session = (StaffSession) security.getUserPrincipal();
        String lib = library == null && session.library() != null ? session.library() : library;
        Report report;
        try {
            report = reports.run(new ReportRequest(name, from, to, by, period, lib, session.library() == null ? null : session.institution()));
        } catch (ReportException e) {
            throw invalid(e.field(), e.getMessage());
        }
        if ((f == ReportFormats.SVG || f == ReportFormats.PNG) && !ReportCharts.hasChart(report)) {
            throw invalid("format", report.name() + " is a list and has no chart; ask for json or csv");
        }
        Object entity = switch (f) {
            case JSON -> ReportFormats.json(report);
            case CSV -> ReportFormats.csv(report);
            case SVG -> ReportCharts.svg(report);
            case PNG -> ReportCharts.png(report);
        };
        Response.ResponseBuilder r = Response.ok(entity, f.mediaType());
        if (f != ReportFormats.JSON) {
            r.header("Content-Disposition", "inline; filename=\"" + report.name() + "." + f.label() + "\"");
        }
        return r.build();
    }

    private static ProblemException invalid(String field, String reason) {
        return ProblemException.invalid(List.of(new Problem.FieldError(field, reason)));
    }
}
