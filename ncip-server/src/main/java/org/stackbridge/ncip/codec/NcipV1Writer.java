package org.stackbridge.ncip.codec;

import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.sax.SAXTransformerFactory;
import javax.xml.transform.sax.TransformerHandler;
import javax.xml.transform.stream.StreamResult;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Writes an NCIP 2 answer in NCIP version 1 form, for partners that sent us a v1 request (ReShare's NCIP1 client,
 * Aleph, Voyager, ...): a SAX rewriting step between the JAXB marshaller and the serializer, driven by tables.
 * <ul>
 *   <li>no namespace, {@code version="…/ncip_v1_0.dtd"} and the v1 DOCTYPE;</li>
 *   <li>identifiers renamed ({@link #RENAMED}: {@code UserId → UniqueUserId}, {@code AgencyId → UniqueAgencyId}, …);</li>
 *   <li>scheme-value pairs ({@link #SCHEME_VALUE_PAIRS}) written as {@code <Scheme>}/{@code <Value>} children;</li>
 *   <li>{@code Problem} written as {@code Problem/ProcessingError} (or {@code MessagingError}) with
 *       {@code ProcessingErrorType}, {@code ProcessingErrorElement/ElementName} and {@code ProcessingErrorValue}
 *       (the ProblemValue, else the ProblemDetail).</li>
 * </ul>
 */
final class NcipV1Writer extends DefaultHandler {

    static final String V1_VERSION = "http://www.niso.org/ncip/v1_0/imp1/dtd/ncip_v1_0.dtd";
    static final String V1_PUBLIC_ID = "-//NISO//NCIP DTD Version 1//EN";

    /** v2 element name → v1 element name, where they differ. */
    static final Map<String, String> RENAMED = Map.of("AgencyId", "UniqueAgencyId", "UserId", "UniqueUserId", "ItemId", "UniqueItemId",
            "RequestId", "UniqueRequestId", "BibliographicId", "UniqueBibliographicId");

    /** The NCIP 2.02 elements of type SchemeValuePair (52). */
    static final Set<String> SCHEME_VALUE_PAIRS = Set.of("AcknowledgedItemUseRestrictionType", "AgencyAddressRoleType", "AgencyElementType",
            "AgencyId", "AgencyUserPrivilegeType", "ApplicationProfileType", "ApplicationProfileSupportedType", "AuthenticationDataFormatType",
            "AuthenticationInputType", "AuthenticationPromptType", "BibliographicItemIdentifierCode", "BibliographicLevel",
            "BibliographicRecordIdentifierCode", "BlockOrTrapType", "CirculationStatus", "ComponentIdentifierType", "ConsortiumAgreement",
            "CurrencyCode", "ElectronicAddressType", "ElectronicDataFormatType", "FiscalActionType", "FiscalTransactionType", "FromSystemId",
            "ItemDescriptionLevel", "ItemElementType", "ItemIdentifierType", "ItemUseRestrictionType", "Language", "LocationType",
            "MediumType", "NoticeType", "OrganizationNameType", "PaymentMethodType", "PhysicalAddressType", "PhysicalConditionType",
            "PickupLocation", "ProblemType", "RequestedActionType", "RequestElementType", "RequestIdentifierType", "RequestScopeType",
            "RequestStatusType", "RequestType", "RequiredItemUseRestrictionType", "SecurityMarker", "ToSystemId", "UnstructuredAddressType",
            "UserAddressRoleType", "UserElementType", "UserIdentifierType", "UserLanguage", "UserPrivilegeStatusType");

    private static final Attributes NONE = new AttributesImpl();
    private static final ThreadLocal<SAXTransformerFactory> FACTORIES =
            ThreadLocal.withInitial(() -> (SAXTransformerFactory) SAXTransformerFactory.newInstance());

    private final TransformerHandler out;
    private final StringBuilder text = new StringBuilder();
    private String pair;          // the scheme-value pair being collected
    private String pairScheme;
    private boolean inProblem;
    private String problemScheme;
    private String problemType;
    private String problemDetail;
    private String problemElement;
    private String problemValue;

    NcipV1Writer(OutputStream target) {
        try {
            out = FACTORIES.get().newTransformerHandler();
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("no XML serializer", e);
        }
        out.getTransformer().setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        out.getTransformer().setOutputProperty(OutputKeys.DOCTYPE_PUBLIC, V1_PUBLIC_ID);
        out.getTransformer().setOutputProperty(OutputKeys.DOCTYPE_SYSTEM, V1_VERSION);
        out.setResult(new StreamResult(target));
    }

    @Override
    public void startDocument() throws SAXException {
        out.startDocument();
    }

    @Override
    public void endDocument() throws SAXException {
        out.endDocument();
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        if (!NcipXml.NCIP_NS.equals(uri)) {
            out.startPrefixMapping(prefix, uri);
        }
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        if (!"ns1".equals(prefix)) {
            out.endPrefixMapping(prefix);
        }
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
        if (!NcipXml.NCIP_NS.equals(uri)) {
            out.startElement(uri, local, qName, atts); // extension content stays as it is
            return;
        }
        text.setLength(0);
        if (inProblem) {
            if ("ProblemType".equals(local)) {
                problemScheme = scheme(atts);
            }
            return;
        }
        if ("Problem".equals(local)) {
            inProblem = true;
            problemScheme = problemType = problemDetail = problemElement = problemValue = null;
            return;
        }
        if (SCHEME_VALUE_PAIRS.contains(local)) {
            pair = v1Name(local);
            pairScheme = scheme(atts);
            return;
        }
        if ("NCIPMessage".equals(local)) {
            AttributesImpl version = new AttributesImpl();
            version.addAttribute("", "version", "version", "CDATA", V1_VERSION);
            out.startElement("", local, local, version);
            return;
        }
        open(v1Name(local));
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (pair != null || inProblem) {
            text.append(ch, start, length);
        } else {
            out.characters(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
        if (!NcipXml.NCIP_NS.equals(uri)) {
            out.endElement(uri, local, qName);
            return;
        }
        if (inProblem) {
            switch (local) {
                case "ProblemType" -> problemType = text.toString();
                case "ProblemDetail" -> problemDetail = text.toString();
                case "ProblemElement" -> problemElement = text.toString();
                case "ProblemValue" -> problemValue = text.toString();
                case "Problem" -> {
                    inProblem = false;
                    writeProblem();
                }
                default -> {
                    // Ext inside Problem: not carried into v1
                }
            }
            return;
        }
        if (pair != null) {
            writePair(pair, pairScheme, text.toString());
            pair = null;
            return;
        }
        close("NCIPMessage".equals(local) ? local : v1Name(local));
    }

    private void writeProblem() throws SAXException {
        boolean messaging = problemScheme != null && problemScheme.contains("messagingerror");
        String kind = messaging ? "MessagingError" : "ProcessingError";
        open("Problem");
        open(kind);
        writePair(kind + "Type", problemScheme, problemType == null ? "" : problemType);
        String value = problemValue != null ? problemValue : problemDetail;
        if (problemElement != null || value != null) {
            open(kind + "Element");
            leaf("ElementName", problemElement == null ? "NCIPMessage" : v1Name(problemElement));
            if (value != null) {
                leaf(kind + "Value", value);
            }
            close(kind + "Element");
        }
        close(kind);
        close("Problem");
    }

    private void writePair(String name, String scheme, String value) throws SAXException {
        open(name);
        leaf("Scheme", scheme == null ? "" : scheme);
        leaf("Value", value);
        close(name);
    }

    private void leaf(String name, String value) throws SAXException {
        open(name);
        out.characters(value.toCharArray(), 0, value.length());
        close(name);
    }

    private void open(String name) throws SAXException {
        out.startElement("", name, name, NONE);
    }

    private void close(String name) throws SAXException {
        out.endElement("", name, name);
    }

    private static String v1Name(String v2) {
        return RENAMED.getOrDefault(v2, v2);
    }

    private static String scheme(Attributes atts) {
        for (int i = 0; i < atts.getLength(); i++) {
            if ("Scheme".equals(atts.getLocalName(i))) {
                return atts.getValue(i);
            }
        }
        return null;
    }
}
