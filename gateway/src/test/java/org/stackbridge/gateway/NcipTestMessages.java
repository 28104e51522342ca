package org.stackbridge.gateway;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.port.StoreTx;

/** NCIP 2 messages as partners write them, the gateway config the NCIP ITs share, and reading answers. */
final class NcipTestMessages {

    private NcipTestMessages() {
    }

    /**
     * A gateway with library MAIN, one 21-day rule with one renewal, and the ReShare partner (secret s3cret, lending
     * patron ILL-PARTNER); {@code ncipSettings} go into the ncip section, {@code moreAgencies} after reshare.
     */
    static String[] reshareGateway(List<String> ncipSettings, List<String> moreAgencies) {
        List<String> lines = new ArrayList<>(List.of("libraries:", "  - {code: MAIN, name: Main Library}", "policies:", "  - library: '*'",
                "    category: '*'", "    item-type: '*'", "    loan-period: 21", "    renewals: 1", "ncip:"));
        lines.addAll(ncipSettings);
        lines.addAll(List.of("  libraries: {MAIN: MAIN}", "  agencies:", "    reshare:", "      dialect: reshare", "      shared-secret: s3cret",
                "      defaults: {lending-patron: ILL-PARTNER, pickup-library: MAIN}"));
        lines.addAll(moreAgencies);
        return lines.toArray(String[]::new);
    }

    /**
     * The partner's lending patron ILL-PARTNER, and the title Dune (control number b1) with available copies on the
     * Stacks of MAIN, call number "PS3558 " + barcode; returns the bib.
     */
    static BibRecord partnerAndDune(StoreTx tx, String... barcodes) {
        tx.patrons().insert(new Patron(0, "ILL-PARTNER", null, "Partner library", "ILL", null, null, null,
                LocalDate.of(2030, 1, 1), "MAIN", false));
        BibRecord bib = tx.bibs().insert(new BibRecord(0, "b1", "Dune", "Herbert, Frank", null, null, null, null));
        for (String barcode : barcodes) {
            tx.items().insert(new Item(0, barcode, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "PS3558 " + barcode, BigDecimal.TEN,
                    ItemStatus.AVAILABLE, null, null));
        }
        return bib;
    }

    static HttpResponse<String> send(HttpClient http, int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ncip"))
                .header("Content-Type", "application/xml").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String header(String agency, String secret) {
        return "<ns1:InitiationHeader><ns1:FromAgencyId><ns1:AgencyId>" + agency + "</ns1:AgencyId></ns1:FromAgencyId>"
                + (secret == null ? "" : "<ns1:FromAgencyAuthentication>" + secret + "</ns1:FromAgencyAuthentication>")
                + "<ns1:ToAgencyId><ns1:AgencyId>MAIN</ns1:AgencyId></ns1:ToAgencyId></ns1:InitiationHeader>";
    }

    /** A message from ReShare (with its secret) to MAIN. */
    static String msg(String service, String inner) {
        return msg(service, header("reshare", "s3cret"), inner);
    }

    static String msg(String service, String header, String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ns1:NCIPMessage xmlns:ns1=\"http://www.niso.org/2008/ncip\" "
                + "ns1:version=\"http://www.niso.org/schemas/ncip/v2_02/ncip_v2_02.xsd\"><ns1:" + service + ">"
                + header + inner + "</ns1:" + service + "></ns1:NCIPMessage>";
    }

    static String user(String id) {
        return "<ns1:UserId><ns1:UserIdentifierValue>" + id + "</ns1:UserIdentifierValue></ns1:UserId>";
    }

    static String item(String id) {
        return "<ns1:ItemId><ns1:ItemIdentifierValue>" + id + "</ns1:ItemIdentifierValue></ns1:ItemId>";
    }

    static String request(String agency, String id) {
        return "<ns1:RequestId><ns1:AgencyId>" + agency + "</ns1:AgencyId><ns1:RequestIdentifierValue>" + id
                + "</ns1:RequestIdentifierValue></ns1:RequestId>";
    }

    /** The text of the first element with this local name (any prefix), or null. */
    static String text(String xml, String element) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + element + "(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?" + element + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }
}
