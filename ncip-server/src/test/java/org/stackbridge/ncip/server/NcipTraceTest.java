package org.stackbridge.ncip.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a traced NCIP message is masked, cut and attributed to its agency. */
class NcipTraceTest {

    private static NcipTrace.Masked mask(String xml) {
        return NcipTrace.mask(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authenticationInputsSharedSecretsAndPasswordOrPinElementsAreMaskedAndTheAgencyIsRead() {
        NcipTrace.Masked m = mask("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ns1:NCIPMessage xmlns:ns1="http://www.niso.org/2008/ncip">
                  <ns1:LookupUser>
                    <ns1:InitiationHeader>
                      <ns1:FromAgencyId><ns1:AgencyId> ReShare </ns1:AgencyId></ns1:FromAgencyId>
                      <ns1:FromAgencyAuthentication>s3cret</ns1:FromAgencyAuthentication>
                    </ns1:InitiationHeader>
                    <ns1:AuthenticationInput>
                      <ns1:AuthenticationInputData>4711</ns1:AuthenticationInputData>
                      <ns1:AuthenticationInputType>PIN</ns1:AuthenticationInputType>
                    </ns1:AuthenticationInput>
                    <ns1:UserPIN>9999</ns1:UserPIN>
                    <ns1:Ext><Password><Old>hunter2</Old></Password></ns1:Ext>
                    <ns1:ShippingInformation pinCode="1234" note="kept">Shipping stays</ns1:ShippingInformation>
                  </ns1:LookupUser>
                </ns1:NCIPMessage>
                """);
        String t = m.text();
        assertEquals("ReShare", m.fromAgency());
        for (String secret : new String[] {"s3cret", "4711", "9999", "hunter2", "1234"}) {
            assertFalse(t.contains(secret), secret + " in " + t);
        }
        assertTrue(t.contains("<ns1:AuthenticationInputData>***</ns1:AuthenticationInputData>"), t);
        assertTrue(t.contains("<ns1:FromAgencyAuthentication>***</ns1:FromAgencyAuthentication>"), t);
        assertTrue(t.contains("<Password><Old>***</Old></Password>"), t);
        assertTrue(t.contains("pinCode=\"***\"") && t.contains("note=\"kept\"") && t.contains("Shipping stays"), t);
        assertTrue(t.contains("<ns1:AuthenticationInputType>PIN</ns1:AuthenticationInputType>"), "the type is no secret: " + t);
        assertFalse(t.contains("\n"), "one line: " + t);
    }

    @Test
    void secretNamesAreWholeWordsOfTheName() {
        for (String name : new String[] {"PIN", "UserPIN", "PINCode", "user_pin", "Password", "newPassword", "Passwd", "AuthenticationInputData"}) {
            assertTrue(NcipTrace.secret(name), name);
        }
        for (String name : new String[] {"ShippingInformation", "Spinner", "UserId", "AuthenticationInputType", "Pinyin"}) {
            assertFalse(NcipTrace.secret(name), name);
        }
    }

    @Test
    void anNcipVersion1AgencyIsTheValueOfItsUniqueAgencyId() {
        NcipTrace.Masked m = mask("<NCIPMessage><LookupUser><InitiationHeader><FromAgencyId><UniqueAgencyId><Scheme>s</Scheme>"
                + "<Value>old-ils</Value></UniqueAgencyId></FromAgencyId></InitiationHeader></LookupUser></NCIPMessage>");
        assertEquals("old-ils", m.fromAgency());
    }

    @Test
    void aMessageThatIsNotWellFormedOrDeclaresEntitiesIsNotShown() {
        assertNull(mask("<a><AuthenticationInputData>4711</a>").text());
        assertNull(mask("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>").text());
    }

    @Test
    void aLongMessageIsCutWithAMarker() {
        String cut = NcipTrace.cut("x".repeat(NcipTrace.MAX_LOGGED_CHARS + 10));
        assertEquals("x".repeat(NcipTrace.MAX_LOGGED_CHARS) + "...[truncated: 10 more characters]", cut);
        assertEquals("short", NcipTrace.cut("short"));
    }
}
