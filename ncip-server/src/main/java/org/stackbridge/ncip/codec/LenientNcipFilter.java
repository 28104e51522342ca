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
 */
final class LenientNcipFilter extends XMLFilterImpl {

    private Boolean versionMessage;

    LenientNcipFilter(XMLReader parent) {
        super(parent);
    }

    boolean isVersionMessage() {
        return Boolean.TRUE.equals(versionMessage);
    }

    @Override
    public void startDocument() throws SAXException {
        versionMessage = null;
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
        String ns = uri == null || uri.isEmpty() ? NcipXml.NCIP_NS : uri;
        super.startElement(ns, localName, qName, qualifyAttributes(atts));
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (isVersionMessage()) {
            super.endElement("", localName, localName);
            return;
        }
        super.endElement(uri == null || uri.isEmpty() ? NcipXml.NCIP_NS : uri, localName, qName);
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
