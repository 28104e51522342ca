package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stackbridge.z3950.ber.BerNode;
import org.stackbridge.z3950.pdu.RpnNode;
import org.stackbridge.z3950.pdu.Z3950Decoder;
import org.stackbridge.z3950.pdu.Z3950Encoder;
import org.stackbridge.z3950.pdu.Z3950Pdu;

/** The captured yaz-client / Zebra / yaz-ztest PDUs (shared/ref/z3950/vectors) decode and re-encode. */
class GoldenVectorsTest {

    static Stream<Arguments> vectors() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of("session.pdus.hex", "ztest.pdus.hex")) {
            try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/golden/z3950/" + file)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                    String[] f = line.strip().split("\t");
                    if (f.length == 3) {
                        out.add(Arguments.of(file + "#" + f[0] + " " + f[1], HexFormat.of().parseHex(f[2])));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorDecodesAndReEncodesStably(String name, byte[] wire) {
        BerNode tree = BerNode.decode(wire);
        // the generic tree re-encodes (definite lengths) and decodes to the same tree
        assertEquals(tree, BerNode.decode(tree.encode()), name);
        Z3950Pdu pdu = Z3950Decoder.decode(wire);
        byte[] once = Z3950Encoder.encode(pdu);
        byte[] twice = Z3950Encoder.encode(Z3950Decoder.decode(once));
        assertArrayEquals(once, twice, name);
    }

    private static byte[] frame(String file, int frame) throws IOException {
        try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/golden/z3950/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String[] f = line.strip().split("\t");
                if (f.length == 3 && Integer.parseInt(f[0]) == frame) {
                    return HexFormat.of().parseHex(f[2]);
                }
            }
        }
        throw new IllegalArgumentException("no frame " + frame);
    }

    @Test
    void initRequestOfYazClient() throws IOException {
        Z3950Pdu.InitRequest init = assertInstanceOf(Z3950Pdu.InitRequest.class, Z3950Decoder.decode(frame("session.pdus.hex", 4)));
        assertEquals(0b111, init.versions());
        assertTrue((init.options() & 1) != 0 && (init.options() & (1 << 7)) != 0 && (init.options() & (1 << 14)) != 0);
        assertEquals(64 * 1024 * 1024, init.preferredMessageSize());
        assertEquals("81", init.implementationId());
        assertEquals("YAZ", init.implementationName());
    }

    @Test
    void searchRequestCarriesTheRpnTree() throws IOException {
        Z3950Pdu.SearchRequest s = assertInstanceOf(Z3950Pdu.SearchRequest.class, Z3950Decoder.decode(frame("session.pdus.hex", 8)));
        assertEquals(1, s.queryType());
        assertEquals("1", s.resultSetName());
        assertEquals(List.of("Default"), s.databaseNames());
        RpnNode.Op and = assertInstanceOf(RpnNode.Op.class, s.rpn());
        assertEquals(RpnNode.Op.AND, and.operator());
        RpnNode.AttributesPlusTerm left = assertInstanceOf(RpnNode.AttributesPlusTerm.class, and.left());
        assertEquals("austen", left.term().text());
        assertEquals(1003, left.attributes().get(0).value());
    }

    @Test
    void diagnostic114SearchResponse() throws IOException {
        Z3950Pdu.SearchResponse r = assertInstanceOf(Z3950Pdu.SearchResponse.class, Z3950Decoder.decode(frame("session.pdus.hex", 19)));
        assertEquals(0, r.resultCount());
        assertEquals(3, r.resultSetStatus());
        Z3950Pdu.NonSurrogateDiagnostic d = assertInstanceOf(Z3950Pdu.NonSurrogateDiagnostic.class, r.records());
        assertEquals(114, d.diag().condition());
        assertEquals("9999", d.diag().addinfo());
    }

    @Test
    void presentResponseWithIndefiniteLengthsHoldsOneUsmarcRecord() throws IOException {
        Z3950Pdu.PresentResponse r = assertInstanceOf(Z3950Pdu.PresentResponse.class, Z3950Decoder.decode(frame("session.pdus.hex", 11)));
        Z3950Pdu.ResponseRecords rr = assertInstanceOf(Z3950Pdu.ResponseRecords.class, r.records());
        assertEquals(1, rr.records().size());
        assertEquals("1.2.840.10003.5.10", rr.records().get(0).record().oid());
        assertEquals(813, rr.records().get(0).record().octetAligned().length);
        assertEquals("Default", rr.records().get(0).databaseName());
    }

    @Test
    void closeAndSortResponseExamples() {
        Z3950Pdu.Close c = assertInstanceOf(Z3950Pdu.Close.class, Z3950Decoder.decode(HexFormat.of().parseHex("bf30059f81530100")));
        assertEquals(0, c.closeReason());
        assertArrayEquals(HexFormat.of().parseHex("bf30059f81530100"), Z3950Encoder.encode(c));
        Z3950Pdu.SortResponse s = assertInstanceOf(Z3950Pdu.SortResponse.class, Z3950Decoder.decode(HexFormat.of().parseHex("bf2c03830100")));
        assertEquals(0, s.sortStatus());
        assertArrayEquals(HexFormat.of().parseHex("bf2c03830100"), Z3950Encoder.encode(s));
    }
}
