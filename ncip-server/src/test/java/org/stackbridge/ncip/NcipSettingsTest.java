package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.ncip.config.IpRange;
import org.stackbridge.ncip.config.NcipAgency;
import org.stackbridge.ncip.config.NcipDialect;
import org.stackbridge.ncip.config.NcipSettings;

/** The settings bind from the documented YAML with plain Jackson (no annotations) and fill in defaults. */
class NcipSettingsTest {

    private static NcipSettings load() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = NcipSettingsTest.class.getResourceAsStream("/ncip/ncip-example.yaml")) {
            JsonNode root = yaml.readTree(in);
            return yaml.treeToValue(root.get("ncip"), NcipSettings.class);
        }
    }

    @Test
    void documentedExampleBinds() throws Exception {
        NcipSettings s = load();
        assertEquals("/ncip", s.path());
        assertEquals(1 << 20, s.maxBodyBytes());
        assertFalse(s.openMode());
        assertEquals("MAIN/EAST", s.libraries().get("MAIN-EAST"));
        NcipAgency reshare = s.agency("ReShare").orElseThrow();
        assertEquals(NcipDialect.RESHARE, reshare.profile());
        assertEquals("change-me-reshare", reshare.sharedSecret());
        assertEquals("ILL-RESHARE", reshare.defaults().lendingPatron());
        assertEquals("ILL", reshare.defaults().illItemType(), "defaults fill in");
        NcipAgency relais = s.agency("relais").orElseThrow();
        assertEquals("ACTIVE", relais.okWording());
        assertEquals("BLOCKED", relais.blockedWording());
        assertEquals(new BigDecimal("5.00"), relais.defaults().illFee());
        assertTrue(relais.lenientCheckIn());
        assertEquals("tipasa", s.agencyForPath("/ncip/tipasa").orElseThrow());
        assertFalse(s.agency("tipasa").orElseThrow().defaults().minorUnits());
        assertTrue(s.servesPath("/ncip") && s.servesPath("/ncip/tipasa") && !s.servesPath("/other"));
        assertFalse(reshare.toString().contains("change-me"), "secrets are never printed");
    }

    @Test
    void emptySettingsGetDefaults() {
        NcipSettings s = NcipSettings.standard();
        assertEquals("/ncip", s.path());
        assertEquals(NcipSettings.DEFAULT_MAX_BODY, s.maxBodyBytes());
        assertTrue(s.agencies().isEmpty());
        assertEquals("ILL", s.defaults().illItemType());
    }

    @Test
    void badValuesFailAtLoadTime() {
        assertThrows(IllegalArgumentException.class, () -> NcipAgency.open("polaris"));
        assertThrows(IllegalArgumentException.class, () -> new NcipAgency(null, List.of("example.org"), null, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new NcipSettings(null, null, null, null, null, null, "ZZZ", null));
    }

    @Test
    void ipRanges() throws Exception {
        IpRange r = IpRange.parse("198.51.100.0/24");
        assertTrue(r.contains(InetAddress.getByName("198.51.100.77")));
        assertFalse(r.contains(InetAddress.getByName("198.51.101.1")));
        assertFalse(r.contains(InetAddress.getByName("::1")));
        assertTrue(IpRange.parse("::1").contains(InetAddress.getByName("::1")));
        assertTrue(IpRange.parse("10.0.0.0/7").contains(InetAddress.getByName("11.2.3.4")));
    }
}
