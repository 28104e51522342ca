package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.z3950.interop.InteropTools;

/**
 * yaz-client and zoomsh (Debian package yaz) against the running target: Init, every search type, present
 * in every syntax, scan, sort, delete, close. The transcripts are checked line by line, in order. Skipped with a
 * message when the YAZ programs are missing, failed instead when interoperability is required ({@link InteropTools}).
 */
@Timeout(120)
class YazClientIT {

    private static Z3950ServerFixture fixture;

    @BeforeAll
    static void start() {
        InteropTools.requireTools("yaz-client", "zoomsh");
        fixture = new Z3950ServerFixture();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String yaz(String... lines) throws Exception {
        StringBuilder script = new StringBuilder("open tcp:" + fixture.target() + "\n");
        for (String l : lines) {
            script.append(l).append('\n');
        }
        script.append("quit\n");
        return YazTool.run(List.of("yaz-client", "-q"), script.toString());
    }

    /**
     * Each expected line is a whole line of the transcript (yaz-client's "Z> " prompts and surrounding blanks removed),
     * and they come in this order.
     */
    private static void lines(String out, String... expected) {
        List<String> transcript = out.lines().map(l -> l.replaceFirst("^(Z> )+", "").strip()).toList();
        int at = 0;
        for (String e : expected) {
            int found = transcript.subList(at, transcript.size()).indexOf(e);
            if (found < 0) {
                fail("expected the line '" + e + "' after line " + at + " in:\n" + out);
            }
            at += found + 1;
        }
    }

    @Test
    void initAndSearchTypes() throws Exception {
        String out = yaz("find @attr 1=4 pride", "find @attr 1=1003 austen", "find @and @attr 1=1003 austen @attr 1=4 prejudice",
                "find @or @attr 1=4 emma @attr 1=4 persuasion", "find @not @attr 1=1003 austen @attr 1=4 pride",
                "find @attr 1=4 @attr 4=1 @attr 6=3 \"pride and prejudice\"", "find @attr 1=4 @attr 5=1 prejud",
                "find @attr 1=31 @attr 2=4 2000", "find @attrset Bib-1 @attr Bib-1 1=1016 @attr Bib-1 2=3 pride",
                "find @and @set 1 @attr 1=4 prejudice");
        lines(out, "Connection accepted by v3 target.", "Name   : Stackbridge Z39.50/SRU",
                "Options: search present delSet scan sort namedResultSets",
                "Number of hits: 196, setno 1", "Number of hits: 357, setno 2", "Number of hits: 184, setno 3",
                "Number of hits: 5, setno 4", "Number of hits: 173, setno 5", "Number of hits: 173, setno 6",
                "Number of hits: 195, setno 7", "Number of hits: 87, setno 8", "Number of hits: 245, setno 9",
                "Number of hits: 195, setno 10");
    }

    @Test
    void diagnosticsKeepTheAssociationOpen() throws Exception {
        String out = yaz("find @attr 1=9999 x", "find @attr 1=4 @attr 2=99 x", "find @attr 1=4 @attr 3=99 x", "find @attr 1=4 @attr 5=99 x",
                "find @attr 7=1 x", "find @attr gils 1=2000 x", "find @attr 1=4 pride", "show 500", "format grs-1", "show 1",
                "format usmarc", "elements XYZ", "show 1", "elements F", "find @set nosuchset", "base NoSuchDB", "find @attr 1=4 pride",
                "base Default", "scan @attr 1=9999 x", "find @attr 1=4 pride");
        lines(out, "Number of hits: 0, setno 1", "[114] Unsupported Use attribute -- v2 addinfo '9999'",
                "Number of hits: 0, setno 2", "[117] Unsupported Relation attribute -- v2 addinfo '99'",
                "Number of hits: 0, setno 3", "[119] Unsupported Position attribute -- v2 addinfo '99'",
                "Number of hits: 0, setno 4", "[120] Unsupported Truncation attribute -- v2 addinfo '99'",
                "Number of hits: 0, setno 5", "[207] Cannot sort according to sequence -- v2 addinfo '1'",
                "Number of hits: 0, setno 6", "[121] Unsupported Attribute Set -- v2 addinfo '1.2.840.10003.3.5'",
                "Number of hits: 196, setno 7",
                "[13] Present request out of range -- v2 addinfo '500'",
                "[239] Record syntax not supported -- v2 addinfo '1.2.840.10003.5.105'",
                "[25] Specified element set name not valid for specified database -- v2 addinfo 'XYZ'",
                "Number of hits: 0, setno 8", "[30] Specified result set does not exist -- v2 addinfo 'nosuchset'",
                "Number of hits: 0, setno 9", "[109] Database unavailable -- v2 addinfo 'NoSuchDB'",
                "Scan returned code 6", "[114] Unsupported Use attribute -- v2 addinfo '9999'",
                "Number of hits: 196, setno 10");
    }

    @Test
    void presentInEverySyntax() throws Exception {
        String out = yaz("find @attr 1=7 000470147X", "format usmarc", "elements F", "show 1", "elements B", "show 1",
                "format xml", "elements marcxml", "show 1", "elements dc", "show 1", "format sutrs", "elements F", "show 1",
                "format opac", "elements F", "show 1", "format usmarc", "elements marc8", "show 1");
        lines(out, "Number of hits: 1, setno 1",
                "[Default]Record type: USmarc", "245 10 $a Complete novels of Jane Austen",
                "[Default]Record type: USmarc", "245 10 $a Complete novels of Jane Austen",
                "[Default]Record type: XML", "<record xmlns=\"http://www.loc.gov/MARC21/slim\">",
                "<subfield code=\"a\">Complete novels of Jane Austen</subfield>",
                "[Default]Record type: XML", "<dc:title>Complete novels of Jane Austen</dc:title>",
                "[Default]Record type: SUTRS", "245 10 $a Complete novels of Jane Austen",
                "[Default]Record type: OPAC", "245 10 $a Complete novels of Jane Austen", "Data holdings 0", "itemId: ITEM-1",
                "Data holdings 1", "itemId: ITEM-2",
                "[Default]Record type: USmarc", "245 10 $a Complete novels of Jane Austen");
    }

    @Test
    void opacReflectsALiveCheckout() throws Exception {
        Outcome<?> o = fixture.circulation.port().execute(new Commands.CheckOut(RequestContext.of(Channel.SIP2, "kiosk", "SBLIB"),
                "P100", "ITEM-2", null, false, false, false)).toCompletableFuture().get();
        assertTrue(o instanceof Outcome.Success, () -> "checkout failed: " + o);
        String out = yaz("find @attr 1=7 000470147X", "format opac", "show 1");
        lines(out, "Number of hits: 1, setno 1", "Data holdings 0", "callNumber: QA76 ITEM-1", "availableNow: 1", "itemId: ITEM-1",
                "Data holdings 1", "callNumber: QA76 ITEM-2", "availableNow: 0", "availabiltyDate: 2026-03-16", "itemId: ITEM-2");
    }

    @Test
    void scanSortDeleteClose() throws Exception {
        String out = yaz("scan @attr 1=4 pride", "scan @attr 1=1003 @attr 4=1 @attr 6=2 austen", "find @attr 1=1003 austen",
                "sort 1=31 >", "format usmarc", "elements B", "show 1+3", "delete 1", "close");
        lines(out, "20 entries, position=1", "* Pride (196)", "20 entries, position=1", "* Austen, Jane. (70)",
                "Number of hits: 357, setno 1", "Received SortResponse: status=success", "Records: 3", "nextResultSetPosition = 4",
                "Got deleteResultSetResponse status=0", "1 status=0", "Target has closed the association.",
                "Reason: finished, message: Association terminated by client");
    }

    @Test
    void zoomshWalkthroughIncludingSru() throws Exception {
        String h = "127.0.0.1:" + fixture.server.port();
        String z = YazTool.run(List.of("zoomsh", "-e", "connect " + h + "/Default", "set preferredRecordSyntax usmarc",
                "set elementSetName F", "search @and @attr 1=1003 austen @attr 1=4 prejudice", "show 0 1",
                "set preferredRecordSyntax opac", "search @attr 1=7 000470147X", "show 0 1 opac",
                "scan @attr 1=21 court", "sortby z3950 1=4 <i", "search @attr 1=1016 jane", "show 0 1 xml", "quit"), null);
        lines(z, h + "/Default: 184 hits", "0 database=Default syntax=USmarc schema=unknown",
                h + "/Default: 1 hits", "0 database=Default syntax=OPAC schema=unknown",
                h + "/Default: 372 hits");
        String sru = YazTool.run(List.of("zoomsh", "connect http://" + h + "/Default", "set sru get", "set sru_version 1.2",
                "set preferredRecordSyntax xml", "set elementSetName marcxml", "search cql:dc.title=pride and dc.creator=austen",
                "show 0 1", "quit"), null);
        lines(sru, "http://" + h + "/Default: 184 hits", "0 database=unknown syntax=XML schema=unknown",
                "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\">");
        String sru2 = YazTool.run(List.of("zoomsh", "connect http://" + h + "/Default", "set sru get", "set sru_version 2.0",
                "search cql:bath.isbn=0060933259", "show 0 1", "quit"), null);
        lines(sru2, "http://" + h + "/Default: 1 hits", "0 database=unknown syntax=XML schema=unknown");
    }
    @Test
    void yazClientShowsTheDisplayTermsOfAnSruScan() throws Exception {
        String h = "127.0.0.1:" + fixture.server.port();
        String out = YazTool.run(List.of("yaz-client", "-q"), "open http://" + h + "/Default\nsru get 1.2\nquerytype cql\n"
                + "scan dc.title=pride\nquit\n");
        lines(out, "Received SRW Scan Response", "Pride: 196 pride");
    }

    @Test
    void zoomshScansOverSruWithPqfAndSearchesOverSrw() throws Exception {
        String h = "127.0.0.1:" + fixture.server.port();
        String get = YazTool.run(List.of("zoomsh", "connect http://" + h + "/Default", "set sru get", "set sru_version 1.2",
                "scan @attr 1=4 pride", "quit"), null);
        lines(get, "Pride 196");
        String soap = YazTool.run(List.of("zoomsh", "connect http://" + h + "/Default", "set sru soap",
                "search @attr 1=4 pride", "scan @attr 1=4 pride", "quit"), null);
        lines(soap, "http://" + h + "/Default: 196 hits", "Pride 196");
    }

    @Test
    void scanPositionsOutsideTheTermListBrowseAroundTheStartTerm() throws Exception {
        String out = yaz("scansize 5", "scanpos 3", "scan @attr 1=4 pride", "scanpos 8", "scan @attr 1=4 pride",
                "scanpos 0", "scan @attr 1=4 pride");
        // the display terms are Zebra's (the spelling most records have)
        lines(out, "5 entries, position=3", "* Pride (196)", "5 entries, position=8", "presents (1)",
                "5 entries, position=0", "PRIMARY (2)");
        assertFalse(out.contains("Diagnostic"), out);
    }

    @Test
    void cqlQueriesOverZ3950AndSeveralNamesOfTheLocalDatabaseAreSearched() throws Exception {
        String out = yaz("querytype cql", "find dc.title=pride and dc.creator=austen", "querytype prefix", "base Default Default",
                "find @attr 1=4 pride");
        lines(out, "Number of hits: 184, setno 1", "Number of hits: 196, setno 2");
    }
}
