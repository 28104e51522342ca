package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;

/**
 * Patron ID cards through the staff API on H2 and PostgreSQL: {@code GET /patrons/{b}/card.pdf} (credit-card size,
 * a Code 128 barcode that decodes back to the patron's barcode), {@code GET /patron-cards.pdf} (ten cards a sheet,
 * A4 or Letter) and the configured card replacement fee of {@code POST /patrons/{b}/card} (waived with
 * {@code "charge_fee": false}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class PatronCardApiContract {

    abstract TestGateways.Store store();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse";

    @TempDir
    static Path data;
    Gateway gateway;
    String token;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateways.start(store(), data, new TestClock(Instant.parse("2026-11-02T15:00:00Z")),
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "engine:",
                "  card-replacement-fee: 2.00");
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            for (int i = 1; i <= 11; i++) {
                tx.patrons().insert(new Patron(0, "C" + i, null, "Card Holder " + i, "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
        HttpResponse<String> login = send("POST", "/auth/login", JSON.writeValueAsString(Map.of("login", "tim", "password", PASSWORD)),
                HttpResponse.BodyHandlers.ofString());
        token = JSON.readTree(login.body()).path("token").asText();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private <T> HttpResponse<T> send(String method, String path, String body, HttpResponse.BodyHandler<T> handler) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), handler);
    }

    private PDDocument pdf(String path) throws Exception {
        HttpResponse<byte[]> r = send("GET", path, null, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        return Loader.loadPDF(r.body());
    }

    private JsonNode json(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = send(method, path, body, HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void aCardIsCreditCardSizedAndItsCode128BarcodeDecodesToThePatronsBarcode() throws Exception {
        try (PDDocument card = pdf("/patrons/C1/card.pdf")) {
            assertEquals(1, card.getNumberOfPages());
            PDRectangle box = card.getPage(0).getMediaBox();
            assertEquals(85.6, box.getWidth() / 72 * 25.4, 0.1);
            assertEquals(54.0, box.getHeight() / 72 * 25.4, 0.1);
            String text = new PDFTextStripper().getText(card);
            assertTrue(text.contains("Main Library") && text.contains("Card Holder 1") && text.contains("Expires 2030-01-01"), text);
            Result read = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(
                    new PDFRenderer(card).renderImageWithDPI(0, 300)))), Map.of(DecodeHintType.POSSIBLE_FORMATS, EnumSet.of(BarcodeFormat.CODE_128)));
            assertEquals("C1", read.getText());
        }
        assertEquals(404, send("GET", "/patrons/NOBODY/card.pdf", null, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aBatchPrintsTenCardsASheetOnA4OrLetter() throws Exception {
        StringBuilder q = new StringBuilder();
        for (int i = 1; i <= 11; i++) {
            q.append(i == 1 ? "?" : "&").append("barcode=C").append(i);
        }
        try (PDDocument a4 = pdf("/patron-cards.pdf" + q)) {
            assertEquals(2, a4.getNumberOfPages(), "eleven cards take two sheets");
            assertEquals(PDRectangle.A4.getHeight(), a4.getPage(0).getMediaBox().getHeight(), 0.5);
            String first = new PDFTextStripper().getText(a4);
            assertTrue(first.contains("Card Holder 10") && first.contains("Card Holder 11"), first);
        }
        try (PDDocument letter = pdf("/patron-cards.pdf?barcode=C1&paper=letter")) {
            assertEquals(PDRectangle.LETTER.getWidth(), letter.getPage(0).getMediaBox().getWidth(), 0.5);
        }
        JsonNode bad = json("GET", "/patron-cards.pdf?barcode=C1&paper=legal", null, 400);
        assertEquals("paper", bad.path("errors").path(0).path("field").asText());
        assertEquals("barcode", json("GET", "/patron-cards.pdf", null, 400).path("errors").path(0).path("field").asText());
        assertEquals(404, send("GET", "/patron-cards.pdf?barcode=C1&barcode=NOBODY", null, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aReplacedCardIsChargedTheConfiguredFeeUnlessWaived() throws Exception {
        JsonNode charged = json("POST", "/patrons/C2/card", "{\"new_barcode\": \"C2-NEW\"}", 200);
        assertEquals("C2-NEW", charged.path("patron").path("barcode").asText());
        JsonNode fee = charged.path("fees").path(0);
        assertTrue("card_replacement".equalsIgnoreCase(fee.path("type").asText()), fee.toString());
        assertEquals(0, new BigDecimal("2.00").compareTo(new BigDecimal(fee.path("amount").path("amount").asText())));

        JsonNode waived = json("POST", "/patrons/C3/card", "{\"new_barcode\": \"C3-NEW\", \"charge_fee\": false}", 200);
        assertEquals(0, waived.path("fees").size(), waived.toString());
        assertEquals(409, send("GET", "/patrons/C3/card.pdf", null, HttpResponse.BodyHandlers.ofString()).statusCode(), "the old card is lost");
    }
}
