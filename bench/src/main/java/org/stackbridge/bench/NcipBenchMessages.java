package org.stackbridge.bench;

/** The NCIP requests {@link NcipLoadDriver} sends, from the bench partner agency (shared secret "secret"). */
final class NcipBenchMessages {

    private NcipBenchMessages() {
    }

    private static String header(String to) {
        return "<ns1:InitiationHeader><ns1:FromAgencyId><ns1:AgencyId>bench</ns1:AgencyId></ns1:FromAgencyId>"
                + "<ns1:FromAgencyAuthentication>secret</ns1:FromAgencyAuthentication>"
                + "<ns1:ToAgencyId><ns1:AgencyId>" + to + "</ns1:AgencyId></ns1:ToAgencyId></ns1:InitiationHeader>";
    }

    private static String msg(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ns1:NCIPMessage xmlns:ns1=\"http://www.niso.org/2008/ncip\" "
                + "ns1:version=\"http://www.niso.org/schemas/ncip/v2_02/ncip_v2_02.xsd\">" + body + "</ns1:NCIPMessage>";
    }

    static String lookupUser(String to, String user) {
        return msg("<ns1:LookupUser>" + header(to) + "<ns1:UserId><ns1:UserIdentifierValue>" + user + "</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:UserElementType>Name Information</ns1:UserElementType><ns1:UserElementType>User Privilege</ns1:UserElementType>"
                + "</ns1:LookupUser>");
    }

    static String checkOut(String to, String user, String item) {
        return msg("<ns1:CheckOutItem>" + header(to) + "<ns1:UserId><ns1:UserIdentifierValue>" + user + "</ns1:UserIdentifierValue></ns1:UserId>"
                + "<ns1:ItemId><ns1:ItemIdentifierValue>" + item + "</ns1:ItemIdentifierValue></ns1:ItemId></ns1:CheckOutItem>");
    }

    static String checkIn(String to, String item) {
        return msg("<ns1:CheckInItem>" + header(to) + "<ns1:ItemId><ns1:ItemIdentifierValue>" + item
                + "</ns1:ItemIdentifierValue></ns1:ItemId></ns1:CheckInItem>");
    }
}
