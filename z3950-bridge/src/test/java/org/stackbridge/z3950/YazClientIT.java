package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.outcome.Outcome;

/**
 * yaz-client and zoomsh (Debian package yaz) against the running target: Init, every search type, present
 * in every syntax, scan, sort, delete, close. Skipped with a message when the YAZ programs are missing.
 */
class YazClientIT {

    private static Z3950ServerFixture fixture;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(YazTool.installed("yaz-client") && YazTool.installed("zoomsh"),
                "yaz-client/zoomsh not installed (apt-get install -y yaz); skipping real-client tests");
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

    private static void contains(String out, String... expected) {
        for (String e : expected) {
            assertTrue(out.contains(e), () -> "expected '" + e + "' in:\n" + out);
        }
    }

    @Test
    void initAndSearchTypes() throws Exception {
        String out = yaz("find @attr 1=4 pride", "find @attr 1=1003 austen", "find @and @attr 1=1003 austen @attr 1=4 prejudice",
                "find @or @attr 1=4 emma @attr 1=4 persuasion", "find @not @attr 1=1003 austen @attr 1=4 pride",
                "find @attr 1=4 @attr 4=1 @attr 6=3 \"pride and prejudice\"", "find @attr 1=4 @attr 5=1 prejud",
                "find @attr 1=31 @attr 2=4 2000", "find @attrset Bib-1 @attr Bib-1 1=1016 @attr Bib-1 2=3 pride",
                "find @and @set 1 @attr 1=4 prejudice");
        contains(out, "Connection accepted by v3 target", "Stackbridge", "Number of hits: 196", "Number of hits: 357", "Number of hits: 184",
                "Number of hits: 5,", "Number of hits: 173", "Number of hits: 195", "Number of hits: 87", "Number of hits: 245");
    }

    @Test
    void diagnosticsKeepTheAssociationOpen() throws Exception {
        String out = yaz("find @attr 1=9999 x", "find @attr 1=4 @attr 2=99 x", "find @attr 1=4 @attr 3=99 x", "find @attr 1=4 @attr 5=99 x",
                "find @attr 7=1 x", "find @attr gils 1=2000 x", "find @attr 1=4 pride", "show 500", "format grs-1", "show 1",
                "format usmarc", "elements XYZ", "show 1", "elements F", "find @set nosuchset", "base NoSuchDB", "find @attr 1=4 pride",
                "base Default", "scan @attr 1=9999 x", "find @attr 1=4 pride");
        contains(out, "114", "117", "119", "120", "207", "121", "Present request out of range", "239", "25", "30",
                "109", "Number of hits: 196");
    }

    @Test
    void presentInEverySyntax() throws Exception {
        String out = yaz("find @attr 1=7 000470147X", "format usmarc", "elements F", "show 1", "elements B", "show 1",
                "format xml", "elements marcxml", "show 1", "elements dc", "show 1", "format sutrs", "elements F", "show 1",
                "format opac", "elements F", "show 1", "format usmarc", "elements marc8", "show 1");
        contains(out, "Number of hits: 1", "Complete novels of Jane Austen", "<record xmlns=\"http://www.loc.gov/MARC21/slim\">",
                "dc:title", "245 ", "Data holdings", "ITEM-1", "ITEM-2");
    }

    @Test
    void opacReflectsALiveCheckout() throws Exception {
        Outcome<?> o = fixture.circulation.port().execute(new Commands.CheckOut(RequestContext.of(Channel.SIP2, "kiosk", "SBLIB"),
                "P100", "ITEM-2", null, false, false, false)).toCompletableFuture().get();
        assertTrue(o instanceof Outcome.Success, () -> "checkout failed: " + o);
        String out = yaz("find @attr 1=7 000470147X", "format opac", "show 1");
        contains(out, "ITEM-2", "availableNow: 0", "2026-03-16", "ITEM-1", "availableNow: 1");
    }

    @Test
    void scanSortDeleteClose() throws Exception {
        String out = yaz("scan @attr 1=4 pride", "scan @attr 1=1003 @attr 4=1 @attr 6=2 austen", "find @attr 1=1003 austen",
                "sort 1=31 >", "format usmarc", "elements B", "show 1+3", "delete 1", "close");
        contains(out, "pride (196)", "SortResponse: status=success", "Number of hits: 357");
    }

    @Test
    void zoomshWalkthroughIncludingSru() throws Exception {
        String h = "127.0.0.1:" + fixture.server.port();
        String z = YazTool.run(List.of("zoomsh", "-e", "connect " + h + "/Default", "set preferredRecordSyntax usmarc",
                "set elementSetName F", "search @and @attr 1=1003 austen @attr 1=4 prejudice", "show 0 1",
                "set preferredRecordSyntax opac", "search @attr 1=7 000470147X", "show 0 1 opac",
                "scan @attr 1=21 court", "sortby z3950 1=4 <i", "search @attr 1=1016 jane", "show 0 1 xml", "quit"), null);
        contains(z, "184 hits", "1 hits", "372 hits");
        String sru = YazTool.run(List.of("zoomsh", "connect http://" + h + "/Default", "set sru get", "set sru_version 1.2",
                "set preferredRecordSyntax xml", "set elementSetName marcxml", "search cql:dc.title=pride and dc.creator=austen",
                "show 0 1", "quit"), null);
        contains(sru, "hits", "datafield");
        String sru2 = YazTool.run(List.of("zoomsh", "connect http://" + h + "/Default", "set sru get", "set sru_version 2.0",
                "search cql:bath.isbn=0060933259", "show 0 1", "quit"), null);
        contains(sru2, "1 hits");
    }
}
