package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.sip2.spec.FieldCode.AF;
import static org.stackbridge.sip2.spec.FieldCode.BL;
import static org.stackbridge.sip2.spec.FixedField.OK;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.message.Sip2Message;

/**
 * Issue #14 SIP2 6: a kiosk's Patron Enable (25) lifts only the blocks a kiosk's Block Patron (01) placed, never a
 * staff block; repeated 01s do not pile up; a profile with {@code patron-enable: refuse} turns 25 off.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2PatronEnableIT {

    @TempDir
    Path data;

    private static List<PatronBlock> blocks(Sip2Gateway g) {
        return g.gateway.storage().read(tx -> tx.patrons().blocks(tx.patrons().byBarcode("P1").orElseThrow().id())).join();
    }

    @Test
    void patronEnableLiftsOnlyKioskBlocksAndRepeatedBlocksDoNotPileUp() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC))) {
            // the desk's block, as the demo places on P0019
            g.gateway.storage().write(tx -> tx.patrons().addBlock(new PatronBlock(0, tx.patrons().byBarcode("P1").orElseThrow().id(),
                    "DESK", true, true, true, "Lost library property: see the desk", Sip2Gateway.NOW, null))).join();
            try (Sip2Client c = g.connect()) {
                assertEquals("1", c.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(OK));
                c.send(g.rq.blockPatron("P1", "Card left in machine", false));
                c.send(g.rq.blockPatron("P1", "Card left in machine", false));
                c.send(g.rq.blockPatron("P1", "Card left in machine", false));
                List<PatronBlock> before = blocks(g);
                assertEquals(2, before.size(), "one staff block and one kiosk block, however many 01s: " + before);
                assertEquals(1, before.stream().filter(b -> b.type() == BlockType.KIOSK).count(), before.toString());

                Sip2Message enabled = c.send(g.rq.patronEnable("P1"));
                assertEquals("Y", enabled.field(BL), enabled.toString());
                List<PatronBlock> after = blocks(g);
                assertEquals(1, after.size(), "the staff block stays: " + after);
                assertEquals(BlockType.MANUAL, after.get(0).type());
                assertEquals("Lost library property: see the desk", after.get(0).reason());
                assertTrue(enabled.all(AF).contains("Lost library property: see the desk"), enabled.toString());
                assertEquals("0", c.send(g.rq.checkout("P1", "I1", null)).fixed(OK), "the patron is still blocked");
            }
        }
    }

    @Test
    void aProfileMayTurnPatronEnableOff() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.start(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC),
                "sip2: {profiles: {sorter: {patron-enable: refuse}}}")) {
            try (Sip2Client c = g.connect()) {
                assertEquals("1", c.send(g.rq.login("sorter", "sorter", "MAIN")).fixed(OK));
                c.send(g.rq.blockPatron("P1", "Card left in machine", true));
                Sip2Message refused = c.send(g.rq.patronEnable("P1"));
                assertEquals("N", refused.field(BL), refused.toString());
                assertEquals(List.of("Please see staff to enable your card"), refused.all(AF));
                assertEquals(1, blocks(g).size(), "25 lifted nothing");
            }
        }
    }
}
