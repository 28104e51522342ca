package org.stackbridge.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.stackbridge.core.report.Report;
import org.stackbridge.core.report.ReportCatalogue;
import org.stackbridge.core.report.ReportException;
import org.stackbridge.core.report.ReportRequest;
import org.stackbridge.staff.report.ReportCharts;
import org.stackbridge.staff.report.ReportFormats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code report NAME --from --to [--by] [--period] [--library] [--format csv|json|svg|png] [--output FILE]}: the same
 * reports as {@code GET /api/v1/reports/NAME}, computed by the same catalogue. A bad parameter exits 2 naming it.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Print a usage report: circulation, top-titles, items-by-status, overdue, kiosks.",
                "Exit 2 on a bad parameter (the message names it)."})
final class ReportCommand implements Callable<Integer>, GatewayCommand {
    @Mixin
    CommonOptions common;
    @Parameters(index = "0", paramLabel = "NAME", description = "The report.")
    String name;
    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day (periodic reports).")
    String from;
    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day, inclusive.")
    String to;
    @Option(names = "--by", paramLabel = "DIMENSION", description = "Breakdown: library, category, item-type, channel.")
    String by;
    @Option(names = "--period", paramLabel = "PERIOD", description = "day (default), week or month.")
    String period;
    @Option(names = "--library", paramLabel = "CODE", description = "Only this library.")
    String library;
    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "csv (default), json, svg or png.")
    String format;
    @Option(names = "--output", paramLabel = "FILE", description = "Write to this file instead of standard output.")
    Path output;

    @Override
    public CommonOptions common() {
        return common;
    }

    /** Sent to a running gateway (whose H2 file this command could not open): FILE as an absolute path, resolved here. */
    @Override
    public java.util.List<String> forwardedArgs(java.util.List<String> args) {
        return output == null ? args : GatewayCommand.withAbsoluteFile(args, "--output", output.toString());
    }

    @Override
    public Integer call() throws IOException {
        ReportFormats f = ReportFormats.parse(format)
                .orElseThrow(() -> new StackbridgeCli.CliException("--format must be csv, json, svg or png", 2));
        if (f == ReportFormats.PNG && output == null && common.hosted()) {
            // the running gateway answers in text; a picture goes to a file
            throw new StackbridgeCli.CliException("--format png needs --output FILE while the gateway runs", 2);
        }
        try (StorageSession s = new StorageSession(common)) {
            ReportCatalogue catalogue = new ReportCatalogue(s.storage, Clock.systemUTC(), s.loaded.config().reports().maxRangeDays());
            Report report;
            try {
                report = catalogue.run(new ReportRequest(name, from, to, by, period, library));
            } catch (ReportException e) {
                throw new StackbridgeCli.CliException((e.field().equals("name") ? "" : "--" + e.field() + ": ") + e.getMessage(), 2);
            }
            if ((f == ReportFormats.SVG || f == ReportFormats.PNG) && !ReportCharts.hasChart(report)) {
                throw new StackbridgeCli.CliException("--format: " + report.name() + " is a list and has no chart; use csv or json", 2);
            }
            byte[] bytes = switch (f) {
                case CSV -> ReportFormats.csv(report);
                case JSON -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(ReportFormats.json(report));
                case SVG -> ReportCharts.svg(report);
                case PNG -> ReportCharts.png(report);
            };
            if (output != null) {
                Files.write(output, bytes);
            } else if (f != ReportFormats.PNG) {
                // text goes where the command line's output goes (also when it is captured, as the tests do)
                common.out().print(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                common.out().flush();
            } else {
                OutputStream out = new PrintStream(System.out, true);
                out.write(bytes);
                out.flush();
            }
            return 0;
        }
    }
}
