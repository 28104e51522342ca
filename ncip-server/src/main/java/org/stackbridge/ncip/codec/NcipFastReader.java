package org.stackbridge.ncip.codec;

import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.stackbridge.ncip.binding.v2.AuthenticationInput;
import org.stackbridge.ncip.binding.v2.CheckInItem;
import org.stackbridge.ncip.binding.v2.CheckOutItem;
import org.stackbridge.ncip.binding.v2.FromAgencyId;
import org.stackbridge.ncip.binding.v2.InitiationHeader;
import org.stackbridge.ncip.binding.v2.ItemId;
import org.stackbridge.ncip.binding.v2.LoanedItemsDesired;
import org.stackbridge.ncip.binding.v2.LookupUser;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.RequestedItemsDesired;
import org.stackbridge.ncip.binding.v2.SchemeValuePair;
import org.stackbridge.ncip.binding.v2.ToAgencyId;
import org.stackbridge.ncip.binding.v2.UserFiscalAccountDesired;
import org.stackbridge.ncip.binding.v2.UserId;

/**
 * The StAX fast path for the commonest NCIP 2 requests (LookupUser, CheckOutItem, CheckInItem) in their plain
 * shape: builds the same binding objects JAXB would, without JAXB's unmarshalling machinery and the lenient
 * SAX filter. Anything else (another service, an element or attribute this reader does not know, a repeated
 * single element, a DOCTYPE, NCIP version 1, text that the lenient filter would treat differently, or XML that
 * does not parse) makes it answer {@code null}, and {@link NcipXml#read} then takes the full path, which gives
 * every other message, and every error, exactly the answer it had before.
 *
 * <p>Where JAXB and the lenient filter would differ from a plain reading, this reader declines rather than
 * guesses: a text value that is empty or starts with white space (the filter drops a leading white-space-only
 * chunk), a {@code Scheme} or {@code version} with white space at either end, stray non-blank text between
 * elements, attributes other than {@code version} on the root and {@code Scheme} on a scheme-value pair.
 */
final class NcipFastReader {

    private static final String NS = NcipXml.NCIP_NS;

    /** Per thread: a factory is not thread-safe, and the JDK's reuses its reader for the next document. */
    private static final ThreadLocal<XMLInputFactory> FACTORIES = ThreadLocal.withInitial(NcipFastReader::factory);

    private NcipFastReader() {
    }

    private static XMLInputFactory factory() {
        // the JDK's own implementation, whatever else is on the class path
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            // the JDK's factory then resets and reuses its reader (scanner, buffers, symbol table) for the next document
            f.setProperty("reuse-instance", Boolean.TRUE);
        } catch (IllegalArgumentException notSupported) {
            // another implementation: a new reader per document
        }
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("no external resources");
        });
        return f;
    }

    /** Declines: the message is not in the shape this reader handles. Carries no stack trace; never escapes. */
    private static final class Decline extends Exception {
        private static final long serialVersionUID = 1L;
        static final Decline INSTANCE = new Decline();

        private Decline() {
            super(null, null, false, false);
        }
    }

    /** The message, or null when it is not a plain LookupUser, CheckOutItem or CheckInItem (take the full path). */
    static NCIPMessage read(byte[] xml) {
        XMLStreamReader r = null;
        try {
            r = FACTORIES.get().createXMLStreamReader(new ByteArrayInputStream(xml));
            NCIPMessage m = message(r);
            // nothing but comments, processing instructions and white space may follow the root
            while (r.hasNext()) {
                int e = r.next();
                if (e != XMLStreamConstants.COMMENT && e != XMLStreamConstants.PROCESSING_INSTRUCTION && e != XMLStreamConstants.SPACE
                        && !(e == XMLStreamConstants.CHARACTERS && r.isWhiteSpace()) && e != XMLStreamConstants.END_DOCUMENT) {
                    return null;
                }
            }
            return m;
        } catch (Decline | XMLStreamException | RuntimeException e) {
            return null;
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but the byte array
                }
            }
        }
    }

    private static NCIPMessage message(XMLStreamReader r) throws XMLStreamException, Decline {
        if (nextTag(r) != XMLStreamConstants.START_ELEMENT || !named(r, "NCIPMessage")) {
            throw Decline.INSTANCE;
        }
        NCIPMessage m = new NCIPMessage();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String uri = r.getAttributeNamespace(i);
            if (!"version".equals(r.getAttributeLocalName(i)) || !(uri == null || uri.isEmpty() || NS.equals(uri)) || m.getVersion() != null) {
                throw Decline.INSTANCE;
            }
            String version = r.getAttributeValue(i);
            if (version.contains("v1_0") || version.contains("ncip_v1") || !trimmed(version)) {
                throw Decline.INSTANCE; // version 1 is answered in version 1: the full path knows how
            }
            m.setVersion(version);
        }
        if (nextTag(r) != XMLStreamConstants.START_ELEMENT) {
            throw Decline.INSTANCE;
        }
        switch (local(r)) {
            case "LookupUser" -> m.setLookupUser(lookupUser(r));
            case "CheckOutItem" -> m.setCheckOutItem(checkOutItem(r));
            case "CheckInItem" -> m.setCheckInItem(checkInItem(r));
            default -> throw Decline.INSTANCE;
        }
        if (nextTag(r) != XMLStreamConstants.END_ELEMENT) {
            throw Decline.INSTANCE; // a second service element, or anything else beside it
        }
        return m;
    }

    private static LookupUser lookupUser(XMLStreamReader r) throws XMLStreamException, Decline {
        noAttributes(r);
        LookupUser q = new LookupUser();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            switch (local(r)) {
                case "InitiationHeader" -> q.setInitiationHeader(once(q.getInitiationHeader(), initiationHeader(r)));
                case "UserId" -> q.setUserId(once(q.getUserId(), userId(r)));
                case "AuthenticationInput" -> q.getAuthenticationInput().add(authenticationInput(r));
                case "UserElementType" -> q.getUserElementType().add(svp(r));
                case "LoanedItemsDesired" -> q.setLoanedItemsDesired(once(q.getLoanedItemsDesired(), empty(r, new LoanedItemsDesired())));
                case "RequestedItemsDesired" -> q.setRequestedItemsDesired(once(q.getRequestedItemsDesired(),
                        empty(r, new RequestedItemsDesired())));
                case "UserFiscalAccountDesired" -> q.setUserFiscalAccountDesired(once(q.getUserFiscalAccountDesired(),
                        empty(r, new UserFiscalAccountDesired())));
                default -> throw Decline.INSTANCE;
            }
        }
        return q;
    }

    private static CheckOutItem checkOutItem(XMLStreamReader r) throws XMLStreamException, Decline {
        noAttributes(r);
        CheckOutItem q = new CheckOutItem();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            switch (local(r)) {
                case "InitiationHeader" -> q.setInitiationHeader(once(q.getInitiationHeader(), initiationHeader(r)));
                case "UserId" -> q.setUserId(once(q.getUserId(), userId(r)));
                case "AuthenticationInput" -> q.getAuthenticationInput().add(authenticationInput(r));
                case "ItemId" -> q.setItemId(once(q.getItemId(), itemId(r)));
                case "ItemElementType" -> q.getItemElementType().add(svp(r));
                case "UserElementType" -> q.getUserElementType().add(svp(r));
                default -> throw Decline.INSTANCE;
            }
        }
        return q;
    }

    private static CheckInItem checkInItem(XMLStreamReader r) throws XMLStreamException, Decline {
        noAttributes(r);
        CheckInItem q = new CheckInItem();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            switch (local(r)) {
                case "InitiationHeader" -> q.setInitiationHeader(once(q.getInitiationHeader(), initiationHeader(r)));
                case "ItemId" -> q.setItemId(once(q.getItemId(), itemId(r)));
                case "ItemElementType" -> q.getItemElementType().add(svp(r));
                case "UserElementType" -> q.getUserElementType().add(svp(r));
                default -> throw Decline.INSTANCE;
            }
        }
        return q;
    }

    private static InitiationHeader initiationHeader(XMLStreamReader r) throws XMLStreamException, Decline {
        noAttributes(r);
        InitiationHeader h = new InitiationHeader();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            switch (local(r)) {
                case "FromSystemId" -> h.setFromSystemId(once(h.getFromSystemId(), svp(r)));
                case "FromSystemAuthentication" -> h.setFromSystemAuthentication(once(h.getFromSystemAuthentication(), text(r)));
                case "FromAgencyId" -> {
                    FromAgencyId from = new FromAgencyId();
                    from.setAgencyId(agencyIdOnly(r));
                    h.setFromAgencyId(once(h.getFromAgencyId(), from));
                }
                case "FromAgencyAuthentication" -> h.setFromAgencyAuthentication(once(h.getFromAgencyAuthentication(), text(r)));
                case "ToSystemId" -> h.setToSystemId(once(h.getToSystemId(), svp(r)));
                case "ToAgencyId" -> {
                    ToAgencyId to = new ToAgencyId();
                    to.setAgencyId(agencyIdOnly(r));
                    h.setToAgencyId(once(h.getToAgencyId(), to));
                }
                case "ApplicationProfileType" -> h.setApplicationProfileType(once(h.getApplicationProfileType(), svp(r)));
                default -> throw Decline.INSTANCE;
            }
        }
        return h;
    }

    /** The one AgencyId inside FromAgencyId / ToAgencyId. */
    private static SchemeValuePair agencyIdOnly(XMLStreamReader r) throws XMLStreamException, Decline {
        noAttributes(r);
        SchemeValuePair id = null;
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            if (!"AgencyId".equals(local(r))) {
                throw Decline.INSTANCE;
            }
            id = once(id, svp(r));
        }
        return id;
    }

    private static UserId userId(XMLStreamReader r) throws XMLStreamException, Decline {
        noAttributes(r);
        UserId u = new UserId();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            switch (local(r)) {
                case "AgencyId" -> u.setAgencyId(once(u.getAgencyId(), svp(r)));
                case "UserIdentifierType" -> u.setUserIdentifierType(once(u.getUserIdentifierType(), svp(r)));
                case "UserIdentifierValue" -> u.setUserIdentifierValue(once(u.getUserIdentifierValue(), text(r)));
                default -> throw Decline.INSTANCE;
            }
        }
        return u;
    }

    private static ItemId itemId(XMLStreamReader r) throws XMLStreamException, Decline {
        noAttributes(r);
        ItemId i = new ItemId();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            switch (local(r)) {
                case "AgencyId" -> i.setAgencyId(once(i.getAgencyId(), svp(r)));
                case "ItemIdentifierType" -> i.setItemIdentifierType(once(i.getItemIdentifierType(), svp(r)));
                case "ItemIdentifierValue" -> i.setItemIdentifierValue(once(i.getItemIdentifierValue(), text(r)));
                default -> throw Decline.INSTANCE;
            }
        }
        return i;
    }

    private static AuthenticationInput authenticationInput(XMLStreamReader r) throws XMLStreamException, Decline {
        noAttributes(r);
        AuthenticationInput a = new AuthenticationInput();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            switch (local(r)) {
                case "AuthenticationInputData" -> a.setAuthenticationInputData(once(a.getAuthenticationInputData(), text(r)));
                case "AuthenticationDataFormatType" -> a.setAuthenticationDataFormatType(once(a.getAuthenticationDataFormatType(), svp(r)));
                case "AuthenticationInputType" -> a.setAuthenticationInputType(once(a.getAuthenticationInputType(), svp(r)));
                default -> throw Decline.INSTANCE;
            }
        }
        return a;
    }

    /** A scheme-value pair: text content and an optional {@code Scheme} attribute (qualified or not). */
    private static SchemeValuePair svp(XMLStreamReader r) throws XMLStreamException, Decline {
        SchemeValuePair p = new SchemeValuePair();
        int n = r.getAttributeCount();
        if (n > 1) {
            throw Decline.INSTANCE;
        }
        if (n == 1) {
            String uri = r.getAttributeNamespace(0);
            String scheme = r.getAttributeValue(0);
            if (!"Scheme".equals(r.getAttributeLocalName(0)) || !(uri == null || uri.isEmpty() || NS.equals(uri)) || !trimmed(scheme)) {
                throw Decline.INSTANCE;
            }
            p.setScheme(scheme);
        }
        p.setValue(textContent(r));
        return p;
    }

    /** A text-only element without attributes. */
    private static String text(XMLStreamReader r) throws XMLStreamException, Decline {
        noAttributes(r);
        return textContent(r);
    }

    /**
     * The text up to the element's end. Declines an element inside, and a value that is empty or starts with white
     * space: the lenient filter drops a first chunk that is only white space, so such values could read differently.
     */
    private static String textContent(XMLStreamReader r) throws XMLStreamException, Decline {
        String text = null;
        StringBuilder more = null;
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text == null) {
                        text = r.getText();
                    } else {
                        if (more == null) {
                            more = new StringBuilder(text);
                        }
                        more.append(r.getText());
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // not reported to JAXB either
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String value = more != null ? more.toString() : text;
                    if (value == null || value.isEmpty() || Character.isWhitespace(value.charAt(0))) {
                        throw Decline.INSTANCE;
                    }
                    return value;
                }
                default -> throw Decline.INSTANCE;
            }
        }
    }

    /** An element that must be empty (the Desired flags). */
    private static <T> T empty(XMLStreamReader r, T value) throws XMLStreamException, Decline {
        noAttributes(r);
        if (nextTag(r) != XMLStreamConstants.END_ELEMENT) {
            throw Decline.INSTANCE;
        }
        return value;
    }

    /**
     * The next start or end tag, skipping white space, comments and processing instructions; declines stray text, a
     * DOCTYPE, entity references and elements outside the NCIP namespace (or none, which the full path moves into it).
     */
    private static int nextTag(XMLStreamReader r) throws XMLStreamException, Decline {
        while (r.hasNext()) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String uri = r.getNamespaceURI();
                    if (!(uri == null || uri.isEmpty() || NS.equals(uri))) {
                        throw Decline.INSTANCE;
                    }
                    return e;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return e;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!r.isWhiteSpace()) {
                        throw Decline.INSTANCE;
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.START_DOCUMENT -> {
                    // skipped, as JAXB skips them
                }
                default -> throw Decline.INSTANCE; // DTD, entity reference, end of document
            }
        }
        throw Decline.INSTANCE;
    }

    private static String local(XMLStreamReader r) {
        return r.getLocalName();
    }

    private static boolean named(XMLStreamReader r, String name) {
        return name.equals(r.getLocalName());
    }

    private static void noAttributes(XMLStreamReader r) throws Decline {
        if (r.getAttributeCount() != 0) {
            throw Decline.INSTANCE;
        }
    }

    /** A single-valued element seen a second time: declined (JAXB would keep the last; the full path does that). */
    private static <T> T once(T before, T value) throws Decline {
        if (before != null) {
            throw Decline.INSTANCE;
        }
        return value;
    }

    static boolean trimmed(String s) {
        return s.isEmpty() || (!Character.isWhitespace(s.charAt(0)) && !Character.isWhitespace(s.charAt(s.length() - 1)));
    }

    /** For tests: the services this reader takes. */
    static final List<String> SERVICES = List.of("LookupUser", "CheckOutItem", "CheckInItem");
}
