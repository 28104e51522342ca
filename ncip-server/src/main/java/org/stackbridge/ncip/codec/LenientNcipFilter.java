package org.stackbridge.ncip.codec;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Repairs what partners send before JAXB sees it: elements with no namespace move into the NCIP 2
 * namespace, and bare {@code version} / {@code Scheme} attributes are qualified (without this JAXB silently
 * drops them). The no-namespace LookupVersion message ({@code NCIPVersionMessage}) is left alone, or
 * stripped of a namespace a client may have put on it.
 *
 * <p>NCIP v1 shapes are mapped onto v2 ones: {@code UniqueAgencyId/UniqueUserId/UniqueItemId/UniqueRequestId}
 * and {@code VisibleUserId} are renamed, and v1 scheme-value pairs written as {@code <Scheme>} and
 * {@code <Value>} child elements become v2 text with a {@code Scheme} attribute.
 */
final class LenientNcipFilter extends XMLFilterImpl {

    private static final java.util.Map<String, String> V1_NAMES = java.util.Map.of(
            "UniqueAgencyId", "AgencyId", "UniqueUserId", "UserId", "UniqueItemId", "ItemId", "UniqueRequestId", "RequestId",
            "VisibleUserId", "UserId", "VisibleUserIdentifier", "UserIdentifierValue", "VisibleUserIdentifierType", "UserIdentifierType",
            "UniqueItemIdentifier", "ItemIdentifierValue", "UniqueUserIdentifier", "UserIdentifierValue",
            "UniqueBibliographicId", "BibliographicId");
    private static final int MAX_CAPTURE = 4096;

    private Boolean versionMessage;
    private boolean v1;
    // a start tag held back until we know whether v1 <Scheme>/<Value> children follow
    private String pendingUri;
    private String pendingLocal;
    private Attributes pendingAtts;
    private int depth;
    private int pendingDepth;
    // collecting v1 <Scheme>/<Value> of the held element
    private boolean collecting;
    private String capturing;
    private final StringBuilder text = new StringBuilder();
    private String scheme;
    private String value;

    LenientNcipFilter(XMLReader parent) {
        super(parent);
    }

    /** Whether the document was NCIP version 1 (v1 version, v1 element names or v1 Scheme/Value pairs). */
    boolean isV1() {
        return v1;
    }

    boolean isVersionMessage() {
        return Boolean.TRUE.equals(versionMessage);
    }

    @Override
    public void startDocument() throws SAXException {
        versionMessage = null;
        v1 = false;
        pendingLocal = null;
        collecting = false;
        capturing = null;
        depth = 0;
        super.startDocument();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (versionMessage == null) {
            versionMessage = "NCIPVersionMessage".equals(localName);
        }
        if (versionMessage) {
            super.startElement("", localName, localName, stripAttributes(atts));
            return;
        }
        depth++;
        if (depth == 1) {
            String version = atts.getValue("version");
            v1 = version != null && (version.contains("v1_0") || version.contains("ncip_v1"));
        }
        if (V1_NAMES.containsKey(localName)) {
            v1 = true;
        }
        if (("Scheme".equals(localName) || "Value".equals(localName)) && (pendingLocal != null || collecting)) {
            collecting = true;
            v1 = true;
            capturing = localName;
            text.setLength(0);
            return;
        }
        flushPending();
        String ns = uri == null || uri.isEmpty() ? NcipXml.NCIP_NS : uri;
        pendingUri = ns;
        pendingLocal = V1_NAMES.getOrDefault(localName, localName);
        pendingAtts = new AttributesImpl(qualifyAttributes(atts));
        pendingDepth = depth;
    }

    /**
     * A prefix declared on the next element belongs after the held start tag: passing it on first would hand
     * it to the held (parent) element, and JAXB's namespace stack, which builds Ext content as DOM, would then
     * underflow when the child's scope ends (our own answers declare namespaces inside Ext).
     */
    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        if (!isVersionMessage()) {
            flushPending();
        }
        super.startPrefixMapping(prefix, uri);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (isVersionMessage()) {
            super.endElement("", localName, localName);
            return;
        }
        int closing = depth--;
        if (capturing != null && capturing.equals(localName) && closing == pendingDepth + 1) {
            if ("Scheme".equals(capturing)) {
                scheme = text.toString().trim();
            } else {
                value = text.toString();
            }
            capturing = null;
            return;
        }
        if (collecting && closing == pendingDepth) {
            AttributesImpl atts = new AttributesImpl(pendingAtts);
            if (scheme != null && !scheme.isEmpty()) {
                atts.addAttribute(NcipXml.NCIP_NS, "Scheme", "ns1:Scheme", "CDATA", scheme);
            }
            super.startElement(pendingUri, pendingLocal, pendingLocal, atts);
            String v = value == null ? "" : value;
            super.characters(v.toCharArray(), 0, v.length());
            super.endElement(pendingUri, pendingLocal, pendingLocal);
            pendingLocal = null;
            collecting = false;
            scheme = null;
            value = null;
            return;
        }
        flushPending();
        String name = V1_NAMES.getOrDefault(localName, localName);
        super.endElement(uri == null || uri.isEmpty() ? NcipXml.NCIP_NS : uri, name, name);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (isVersionMessage()) {
            super.characters(ch, start, length);
            return;
        }
        if (capturing != null) {
            if (text.length() + length <= MAX_CAPTURE) {
                text.append(ch, start, length);
            }
            return;
        }
        if (collecting) {
            return; // whitespace between <Scheme> and <Value>
        }
        if (pendingLocal != null) {
            boolean blank = true;
            for (int i = start; i < start + length && blank; i++) {
                blank = Character.isWhitespace(ch[i]);
            }
            if (blank) {
                return; // may still be an element-only v1 pair; JAXB ignores such whitespace anyway
            }
            flushPending();
        }
        super.characters(ch, start, length);
    }

    @Override
    public void endDocument() throws SAXException {
        flushPending();
        super.endDocument();
    }

    private void flushPending() throws SAXException {
        if (pendingLocal != null && !collecting) {
            super.startElement(pendingUri, pendingLocal, pendingLocal, pendingAtts);
            pendingLocal = null;
        }
    }

    private static Attributes qualifyAttributes(Attributes atts) {
        AttributesImpl out = null;
        for (int i = 0; i < atts.getLength(); i++) {
            String local = atts.getLocalName(i);
            if ((atts.getURI(i) == null || atts.getURI(i).isEmpty()) && ("version".equals(local) || "Scheme".equals(local))) {
                if (out == null) {
                    out = new AttributesImpl(atts);
                }
                out.setAttribute(i, NcipXml.NCIP_NS, local, "ns1:" + local, atts.getType(i), atts.getValue(i));
            }
        }
        return out == null ? atts : out;
    }

    private static Attributes stripAttributes(Attributes atts) {
        AttributesImpl out = new AttributesImpl();
        for (int i = 0; i < atts.getLength(); i++) {
            String local = atts.getLocalName(i);
            if (!local.startsWith("xmlns")) {
                out.addAttribute("", local, local, atts.getType(i), atts.getValue(i));
            }
        }
        return out;
    }
}
