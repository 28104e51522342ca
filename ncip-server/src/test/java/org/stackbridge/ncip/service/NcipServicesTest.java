package org.stackbridge.ncip.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stackbridge.ncip.binding.v2.CheckInItem;
import org.stackbridge.ncip.binding.v2.LookupUser;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.config.NcipSettings;

class NcipServicesTest {

    @Test
    void lookupVersionListsEveryRegisteredServiceInItsPublishedOrder() {
        NcipDispatcher dispatcher = new NcipDispatcher(new NcipSettings(null, 64 * 1024, false, Map.of(), Map.of("MAIN", "MAIN"), null,
                "USD", 2), null, null);
        assertEquals(List.of("LookupVersion", "LookupAgency", "LookupUser", "LookupItem", "LookupItemSet", "CheckOutItem", "CheckInItem",
                "RenewItem", "RequestItem", "CancelRequestItem", "RecallItem", "AcceptItem", "DeleteItem", "CreateUserFiscalTransaction"),
                dispatcher.supported());
    }

    @Test
    void twoServicesWithOneNameFailAtWiring() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NcipServices(List.of(new CheckInItemService(), new LookupUserService(), new CheckInItemService())));
        assertTrue(e.getMessage().contains("CheckInItem"), e.getMessage());
    }

    @Test
    void aMessageIsRoutedByItsServiceElement() {
        NcipServices services = new NcipServices(List.of(new LookupUserService(), new CheckInItemService()));
        NCIPMessage m = new NCIPMessage();
        m.setCheckInItem(new CheckInItem());
        assertEquals("CheckInItem", services.serviceFor(m).orElseThrow().name());
        m.setLookupUser(new LookupUser());
        assertEquals("LookupUser", services.serviceFor(m).orElseThrow().name(), "several elements: the one registered first");
        assertTrue(services.serviceFor(new NCIPMessage()).isEmpty());
    }
}
