package org.stackbridge.ncip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stackbridge.ncip.binding.v2.NCIPMessage;

/**
 * The StAX fast path reads exactly what the full path (SAX, lenient filter, JAXB) reads: for every message it takes,
 * both give the same binding (compared by writing each), and every message it declines is read by the full path
 * with the same result or the same error as before.
 */
class NcipFastReaderTest {

    private static final String NS = "xmlns:ns1=\"http://www.niso.org/2008/ncip\"";
    private static final String VERSION = "ns1:version=\"http://www.niso.org/schemas/ncip/v2_02/ncip_v2_02.xsd\"";

    private static String header() {
        return "<ns1:InitiationHeader><ns1:FromAgencyId><ns1:AgencyId>bench</ns1:AgencyId></ns1:FromAgencyId>"
                + "<ns1:FromAgencyAuthentication>secret</ns1:FromAgencyAuthentication>"
                + "<ns1:ToAgencyId><ns1:AgencyId>MAIN</ns1:AgencyId></ns1:ToAgencyId></ns1:InitiationHeader>";
    }

    private static String msg(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ns1:NCIPMessage " + NS + " " + VERSION + ">" + body + "</ns1:NCIPMessage>";
    }

    /** Messages the fast path must take (the shapes partners and the load driver send). */
    static Stream<String> taken() {
        return Stream.of(
                // the load driver's LookupUser, CheckOutItem, CheckInItem
                msg("<ns1:LookupUser>" + header() + "<ns1:UserId><ns1:UserIdentifierValue>P1</ns1:UserIdentifierValue></ns1:UserId>"
                        + "<ns1:UserElementType>Name Information</ns1:UserElementType><ns1:UserElementType>User Privilege</ns1:UserElementType>"
                        + "</ns1:LookupUser>"),
                msg("<ns1:CheckOutItem>" + header() + "<ns1:UserId><ns1:UserIdentifierValue>P1</ns1:UserIdentifierValue></ns1:UserId>"
                        + "<ns1:ItemId><ns1:ItemIdentifierValue>I1</ns1:ItemIdentifierValue></ns1:ItemId></ns1:CheckOutItem>"),
                msg("<ns1:CheckInItem>" + header() + "<ns1:ItemId><ns1:ItemIdentifierValue>I1</ns1:ItemIdentifierValue></ns1:ItemId>"
                        + "</ns1:CheckInItem>"),
                // schemes (qualified and not), agency ids, PIN, the Desired flags, pretty-printed, comments, CDATA, entities
                msg("\n  <ns1:LookupUser>\n    " + header() + "\n    <ns1:UserId>\n      <ns1:AgencyId ns1:Scheme=\"http://x/agency.scm\">MAIN</ns1:AgencyId>"
                        + "<ns1:UserIdentifierType Scheme=\"http://x/uit.scm\">Barcode</ns1:UserIdentifierType>"
                        + "<ns1:UserIdentifierValue>P&amp;1 <![CDATA[<x>]]> &#233;</ns1:UserIdentifierValue></ns1:UserId>\n"
                        + "<!-- a comment --><ns1:AuthenticationInput><ns1:AuthenticationInputData>1234</ns1:AuthenticationInputData>"
                        + "<ns1:AuthenticationDataFormatType>text</ns1:AuthenticationDataFormatType>"
                        + "<ns1:AuthenticationInputType>PIN</ns1:AuthenticationInputType></ns1:AuthenticationInput>"
                        + "<ns1:UserElementType ns1:Scheme=\"http://www.niso.org/ncip/v1_0/schemes/userelementtype/userelementtype.scm\">"
                        + "Name Information</ns1:UserElementType><ns1:LoanedItemsDesired/><ns1:RequestedItemsDesired></ns1:RequestedItemsDesired>"
                        + "<ns1:UserFiscalAccountDesired/>\n  </ns1:LookupUser>\n"),
                // out of order, trailing white space in a value, system ids, application profile
                msg("<ns1:CheckOutItem><ns1:ItemId><ns1:ItemIdentifierValue>I1 </ns1:ItemIdentifierValue><ns1:AgencyId>MAIN</ns1:AgencyId></ns1:ItemId>"
                        + "<ns1:InitiationHeader><ns1:ToAgencyId><ns1:AgencyId>MAIN</ns1:AgencyId></ns1:ToAgencyId>"
                        + "<ns1:FromSystemId>sys</ns1:FromSystemId><ns1:FromSystemAuthentication>pw</ns1:FromSystemAuthentication>"
                        + "<ns1:ToSystemId>ils</ns1:ToSystemId><ns1:ApplicationProfileType>ReShare</ns1:ApplicationProfileType>"
                        + "<ns1:FromAgencyId><ns1:AgencyId>reshare</ns1:AgencyId></ns1:FromAgencyId></ns1:InitiationHeader>"
                        + "<ns1:UserElementType>User Privilege</ns1:UserElementType><ns1:ItemElementType>Bibliographic Description</ns1:ItemElementType>"
                        + "<ns1:UserId><ns1:UserIdentifierValue>P1</ns1:UserIdentifierValue></ns1:UserId></ns1:CheckOutItem>"),
                // no namespace and an unqualified version, as Relais sends them
                "<NCIPMessage version=\"http://www.niso.org/schemas/ncip/v2_02/ncip_v2_02.xsd\"><CheckInItem><InitiationHeader>"
                        + "<FromAgencyId><AgencyId>relais</AgencyId></FromAgencyId><ToAgencyId><AgencyId>MAIN</AgencyId></ToAgencyId>"
                        + "</InitiationHeader><ItemId><ItemIdentifierValue>I1</ItemIdentifierValue></ItemId></CheckInItem></NCIPMessage>",
                // a default namespace, no version attribute
                "<NCIPMessage xmlns=\"http://www.niso.org/2008/ncip\"><LookupUser><UserId><UserIdentifierValue>P1</UserIdentifierValue>"
                        + "</UserId></LookupUser></NCIPMessage>");
    }

    /** Messages it must leave to the full path: each reads there as it did before this reader existed. */
    static Stream<String> declined() {
        String lookup = "<ns1:UserId><ns1:UserIdentifierValue>P1</ns1:UserIdentifierValue></ns1:UserId>";
        return Stream.of(
                msg("<ns1:LookupItem>" + header() + "<ns1:ItemId><ns1:ItemIdentifierValue>I1</ns1:ItemIdentifierValue></ns1:ItemId></ns1:LookupItem>"),
                msg("<ns1:LookupUser>" + header() + lookup + "<ns1:Ext><x:Vendor xmlns:x=\"urn:x\">1</x:Vendor></ns1:Ext></ns1:LookupUser>"),
                msg("<ns1:LookupUser>" + header() + lookup + lookup + "</ns1:LookupUser>"),
                msg("<ns1:LookupUser>" + lookup + "</ns1:LookupUser><ns1:CheckInItem/>"),
                msg("<ns1:LookupUser>" + header() + "<ns1:UserId><ns1:UserIdentifierValue>  P1</ns1:UserIdentifierValue></ns1:UserId></ns1:LookupUser>"),
                msg("<ns1:LookupUser>" + header() + "<ns1:UserId><ns1:UserIdentifierValue/></ns1:UserId></ns1:LookupUser>"),
                msg("<ns1:LookupUser>" + header() + "<ns1:UserId><ns1:UserIdentifierValue>   <!-- c -->P1</ns1:UserIdentifierValue></ns1:UserId></ns1:LookupUser>"),
                msg("<ns1:LookupUser>stray text" + lookup + "</ns1:LookupUser>"),
                msg("<ns1:LookupUser xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"ns1:LookupUser\">" + lookup + "</ns1:LookupUser>"),
                msg("<ns1:LookupUser><ns1:UserElementType ns1:Scheme=\" http://x \">Name Information</ns1:UserElementType>" + lookup + "</ns1:LookupUser>"),
                msg("<ns1:LookupUser><o:UserId xmlns:o=\"urn:other\"><o:UserIdentifierValue>P1</o:UserIdentifierValue></o:UserId></ns1:LookupUser>"),
                msg("<ns1:LookupUser><ns1:LoanedItemsDesired>x</ns1:LoanedItemsDesired>" + lookup + "</ns1:LookupUser>"),
                // NCIP version 1: by version, by v1 names, by Scheme/Value pairs
                "<NCIPMessage version=\"http://www.niso.org/ncip/v1_0/imp1/dtd/ncip_v1_0.dtd\"><LookupUser>"
                        + "<UserId><UserIdentifierValue>P1</UserIdentifierValue></UserId></LookupUser></NCIPMessage>",
                "<NCIPMessage><LookupUser><UniqueUserId><UniqueAgencyId><Scheme>s</Scheme><Value>MAIN</Value></UniqueAgencyId>"
                        + "<UserIdentifierValue>P1</UserIdentifierValue></UniqueUserId></LookupUser></NCIPMessage>",
                "<!DOCTYPE NCIPMessage PUBLIC \"-//NISO//NCIP DTD Version 1//EN\" \"http://www.niso.org/ncip/v1_0/imp1/dtd/ncip_v1_0.dtd\">"
                        + "<NCIPMessage><CheckInItem><UniqueItemId><ItemIdentifierValue>I1</ItemIdentifierValue></UniqueItemId></CheckInItem></NCIPMessage>",
                // attacks and broken XML: the full path's errors
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                        + "<NCIPMessage><LookupUser><UserId><UserIdentifierValue>&lol2;</UserIdentifierValue></UserId></LookupUser></NCIPMessage>",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                        + "<NCIPMessage><LookupUser><UserId><UserIdentifierValue>&xxe;</UserIdentifierValue></UserId></LookupUser></NCIPMessage>",
                msg("<ns1:LookupUser>" + lookup),
                msg("<ns1:LookupUser>" + lookup + "</ns1:LookupUser>") + "<trailing/>",
                "not xml at all",
                "<NCIPVersionMessage><LookupVersion><FromAgencyId><UniqueAgencyId><Scheme>s</Scheme><Value>x</Value></UniqueAgencyId>"
                        + "</FromAgencyId></LookupVersion></NCIPVersionMessage>",
                "<Other xmlns=\"urn:other\"/>");
    }

    @ParameterizedTest
    @MethodSource("taken")
    void takesThePlainMessagesAndReadsThemAsTheFullPathDoes(String xml) throws Exception {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        NCIPMessage fast = NcipFastReader.read(bytes);
        assertNotNull(fast, "taken by the fast path: " + xml);
        NcipXml.V2 full = assertInstanceOf(NcipXml.V2.class, NcipXml.readFully(bytes));
        assertEquals(false, full.v1());
        assertEquals(written(full.message()), written(fast), xml);
        // and read() answers with the fast path's reading
        assertEquals(written(full.message()), written(((NcipXml.V2) NcipXml.read(bytes)).message()));
    }

    @ParameterizedTest
    @MethodSource("declined")
    void leavesEverythingElseToTheFullPath(String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        assertNull(NcipFastReader.read(bytes), "declined: " + xml);
        assertEquals(outcome(() -> NcipXml.readFully(bytes)), outcome(() -> NcipXml.read(bytes)));
    }

    /** Every message of the real-world sample corpus: where the fast path takes one, it reads it as the full path does. */
    @Test
    void readsTheSampleCorpusAsTheFullPathDoes() throws Exception {
        int taken = 0;
        for (Path sample : samples()) {
            byte[] bytes = Files.readAllBytes(sample);
            NCIPMessage fast = NcipFastReader.read(bytes);
            if (fast != null) {
                taken++;
                NcipXml.V2 full = assertInstanceOf(NcipXml.V2.class, NcipXml.readFully(bytes), sample.toString());
                assertEquals(written(full.message()), written(fast), sample.toString());
            }
        }
        // the corpus holds plain LookupUser, CheckOutItem and CheckInItem requests: the fast path must take some
        assertTrue(taken >= 3, "samples read by the fast path: " + taken);
    }

    /** The reader is reused per thread: a document it gave up on half way must not leak into the next one. */
    @Test
    void aReaderThatGaveUpMidDocumentReadsTheNextMessageAfresh() throws Exception {
        List<String> good = taken().toList();
        List<String> bad = declined().toList();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < bad.size(); i++) {
                assertNull(NcipFastReader.read(bad.get(i).getBytes(StandardCharsets.UTF_8)));
                byte[] next = good.get(i % good.size()).getBytes(StandardCharsets.UTF_8);
                NCIPMessage fast = NcipFastReader.read(next);
                assertNotNull(fast, "after " + bad.get(i));
                assertEquals(written(((NcipXml.V2) NcipXml.readFully(next)).message()), written(fast));
            }
        }
    }

    @Test
    void aDeclinedMessageThatDoesNotParseGetsTheFullPathsProblem() {
        byte[] broken = msg("<ns1:LookupUser><ns1:UserId>").getBytes(StandardCharsets.UTF_8);
        NcipParseException e = assertThrows(NcipParseException.class, () -> NcipXml.read(broken));
        assertEquals(NcipXml.SYNTAX_ERROR, e.problemType());
        assertTrue(e.getMessage().startsWith("Not well-formed XML at line 1"), e.getMessage());
    }

    private static List<Path> samples() throws IOException, URISyntaxException {
        Path dir = Path.of(NcipFastReaderTest.class.getResource("/ncip/samples").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static String written(NCIPMessage m) {
        return new String(NcipXml.write(m), StandardCharsets.UTF_8);
    }

    interface Read {
        NcipXml.Parsed read() throws NcipParseException;
    }

    /** What a read gives, comparable across the two paths: the written message, or the error. */
    private static String outcome(Read read) {
        try {
            NcipXml.Parsed p = read.read();
            if (p instanceof NcipXml.V2 v) {
                return "v1=" + v.v1() + " " + written(v.message());
            }
            return "version " + new String(NcipXml.write(((NcipXml.Version) p).message()), StandardCharsets.UTF_8);
        } catch (NcipParseException e) {
            return "error " + e.problemType() + ": " + e.getMessage();
        }
    }
}
