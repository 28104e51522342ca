package org.stackbridge.z3950.sru;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** SRW (SRU over SOAP 1.1): request parameters from the SOAP body, and the response envelope. */
final class SrwSoap {

    /** YAZ's SRW elements for PQF (zoomsh, yaz-client) to the names of the SRU GET extensions. */
    private static final Map<String, String> YAZ_PQF = Map.of("pQuery", "x-pquery", "pScanClause", SruHttpHandler.X_PSCAN_CLAUSE);

    private SrwSoap() {
    }

    /** Parameters of the first element of the SOAP body; "operation" from its name. DTDs are refused. */
    static Map<String, String> parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document d = b.parse(new InputSource(new StringReader(xml)));
            Element body = first(d.getDocumentElement(), "Body");
            Element req = body == null ? d.getDocumentElement() : firstElement(body);
            Map<String, String> out = new LinkedHashMap<>();
            if (req == null) {
                return out;
            }
            String op = req.getLocalName() == null ? req.getNodeName() : req.getLocalName();
            out.put("operation", op.replace("Request", ""));
            for (Node n = req.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    String name = e.getLocalName() == null ? e.getNodeName() : e.getLocalName();
                    out.put(YAZ_PQF.getOrDefault(name, name), e.getTextContent().strip());
                }
            }
            out.putIfAbsent("version", "1.1");
            return out;
        } catch (Exception e) {
            throw new IllegalArgumentException("malformed SRW request", e);
        }
    }

    private static Element first(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    static String envelope(String responseXml) {
        String body = responseXml.startsWith("<?xml") ? responseXml.substring(responseXml.indexOf("?>") + 2).strip() : responseXml;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
                + "<SOAP-ENV:Body>\n" + body + "</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n";
    }
}
