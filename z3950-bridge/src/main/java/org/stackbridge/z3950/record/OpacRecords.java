package org.stackbridge.z3950.record;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.z3950.ber.BerNode;
import org.stackbridge.z3950.pdu.Oids;

/**
 * OPAC records (Z.5.102, RecordSyntax-opac) in BER and in YAZ's OPAC-XML form, with holdings from the live
 * circulation engine, or from MARC 852 when the engine has no items for the bib.
 */
public final class OpacRecords {

    private OpacRecords() {
    }

    /** Live holdings: one per item, availability from the engine's current status. */
    public static List<Holding> fromItems(List<Views.ItemInfo> items, ZoneId zone) {
        List<Holding> out = new ArrayList<>();
        for (Views.ItemInfo i : items) {
            if (i.status() == ItemStatus.WITHDRAWN) {
                continue;
            }
            boolean available = i.status() == ItemStatus.AVAILABLE;
            boolean onHold = i.status() == ItemStatus.ON_HOLD_SHELF || i.holdQueueLength() > 0;
            String due = i.dueAt() == null ? null : i.dueAt().atZone(zone).toLocalDate().toString();
            String temp = i.status() == ItemStatus.IN_TRANSIT ? i.inTransitTo()
                    : i.currentLibrary() != null && !i.currentLibrary().equals(i.homeLibrary()) ? i.currentLibrary() : null;
            String note = switch (i.status()) {
                case AVAILABLE -> "Available";
                case CHECKED_OUT -> "Checked out";
                case ON_HOLD_SHELF -> "On hold shelf";
                case IN_TRANSIT -> "In transit";
                case LOST -> "Lost";
                case MISSING -> "Missing";
                case DAMAGED -> "Damaged";
                case IN_PROCESS -> "In process";
                case WITHDRAWN -> "Withdrawn";
                case CLAIMS_RETURNED -> "Claimed returned";
            };
            out.add(new Holding(blankToNull(i.institution()), i.homeLibrary(), i.location(), i.callNumber(), note,
                    List.of(new Holding.Circulation(available, due, i.barcode(), false, onHold, temp)), true));
        }
        return out;
    }

    /** Static holdings from 852 ($a institution, $b location(s), $h call number, $p item id, $y status). */
    public static List<Holding> from852(MarcRecord r) {
        List<Holding> out = new ArrayList<>();
        for (MarcRecord.Field f : r.fields("852")) {
            List<String> b = f.subfields().stream().filter(s -> s.code() == 'b').map(MarcRecord.Subfield::value).toList();
            String y = f.first('y');
            boolean available = y == null || y.equalsIgnoreCase("In place");
            out.add(new Holding(f.first('a'), b.isEmpty() ? null : b.get(0), b.size() > 1 ? b.get(1) : null, f.first('h'), y,
                    List.of(new Holding.Circulation(available, null, f.first('p'), false, false, null)), false));
        }
        return out;
    }

    /** OPACRecord BER (the single-ASN1-type of the EXTERNAL). */
    public static byte[] ber(byte[] iso2709, List<Holding> holdings) {
        List<BerNode> hs = new ArrayList<>();
        for (Holding h : holdings) {
            List<BerNode> f = new ArrayList<>();
            str(f, 8, h.nucCode());
            str(f, 9, h.localLocation());
            str(f, 10, h.shelvingLocation());
            str(f, 11, h.callNumber());
            str(f, 14, h.publicNote());
            List<BerNode> circs = new ArrayList<>();
            for (Holding.Circulation c : h.circulations()) {
                List<BerNode> cf = new ArrayList<>();
                cf.add(BerNode.ctxBool(1, c.availableNow()));
                str(cf, 2, c.availabilityDate());
                str(cf, 5, c.itemId());
                cf.add(BerNode.ctxBool(6, c.renewable()));
                cf.add(BerNode.ctxBool(7, c.onHold()));
                str(cf, 10, c.temporaryLocation());
                circs.add(BerNode.sequence(cf));
            }
            if (!circs.isEmpty()) {
                f.add(BerNode.ctx(19, circs));
            }
            hs.add(BerNode.ctx(2, f));
        }
        BerNode bib = BerNode.ctx(1, BerNode.oid(Oids.USMARC), BerNode.ctxBytes(1, iso2709));
        return (hs.isEmpty() ? BerNode.sequence(bib) : BerNode.sequence(bib, BerNode.ctx(2, hs))).encode();
    }

    private static void str(List<BerNode> f, int tag, String v) {
        if (v != null && !v.isEmpty()) {
            f.add(BerNode.primitive(BerNode.CONTEXT, tag, v.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** YAZ OPAC-XML (opacxml.xsd element order). */
    public static String xml(MarcRecord r, List<Holding> holdings) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<opacRecord>\n<bibliographicRecord>\n").append(RecordFormats.marcXml(r, true)).append("</bibliographicRecord>\n<holdings>\n");
        for (Holding h : holdings) {
            b.append("<holding>\n");
            el(b, "nucCode", h.nucCode());
            el(b, "localLocation", h.localLocation());
            el(b, "shelvingLocation", h.shelvingLocation());
            el(b, "callNumber", h.callNumber());
            el(b, "publicNote", h.publicNote());
            b.append("<circulations>\n");
            for (Holding.Circulation c : h.circulations()) {
                b.append("<circulation>\n<availableNow value=\"").append(c.availableNow() ? 1 : 0).append("\"/>\n");
                el(b, "availabilityDate", c.availabilityDate());
                el(b, "itemId", c.itemId());
                b.append("<renewable value=\"").append(c.renewable() ? 1 : 0).append("\"/>\n");
                b.append("<onHold value=\"").append(c.onHold() ? 1 : 0).append("\"/>\n");
                el(b, "temporaryLocation", c.temporaryLocation());
                b.append("</circulation>\n");
            }
            b.append("</circulations>\n</holding>\n");
        }
        return b.append("</holdings>\n</opacRecord>\n").toString();
    }

    private static void el(StringBuilder b, String name, String v) {
        if (v != null && !v.isEmpty()) {
            b.append('<').append(name).append('>').append(RecordFormats.esc(v)).append("</").append(name).append(">\n");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
