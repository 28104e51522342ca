package org.stackbridge.ncip.codec;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.version.NCIPVersionMessage;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DeclHandler;

/**
 * Reads and writes NCIP XML. One JAXB context for both bindings, created once; a parser, unmarshaller and
 * marshaller per call. Reading never resolves a DTD or an external entity, and refuses any entity
 * declaration at once (XXE, billion laughs) while still accepting the DOCTYPE of NCIP v1-style messages.
 */
public final class NcipXml {

    public static final String NCIP_NS = "http://www.niso.org/2008/ncip";
    public static final String VERSION = "http://www.niso.org/schemas/ncip/v2_02/ncip_v2_02.xsd";
    public static final String SYNTAX_ERROR = "Invalid Message Syntax Error";

    static final int MAX_DEPTH = 64;
    private static final JAXBContext CONTEXT;
    private static final SAXParserFactory PARSERS;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(NCIPMessage.class.getPackageName() + ":" + NCIPVersionMessage.class.getPackageName(),
                    NcipXml.class.getClassLoader());
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
        PARSERS = SAXParserFactory.newDefaultNSInstance();
        try {
            PARSERS.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            PARSERS.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            PARSERS.setFeature("http://xml.org/sax/features/external-general-entities", false);
            PARSERS.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            PARSERS.setXIncludeAware(false);
            PARSERS.setValidating(false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NcipXml() {
    }

    /** What was read: an NCIP 2 message, or a (no-namespace) LookupVersion message. */
    public sealed interface Parsed permits V2, Version {
    }

    /** @param v1 the partner wrote NCIP version 1 (mapped onto v2 on input): answer with {@link #writeV1} */
    public record V2(NCIPMessage message, boolean v1) implements Parsed {
        public V2(NCIPMessage message) {
            this(message, false);
        }
    }

    public record Version(NCIPVersionMessage message) implements Parsed {
    }

    /** A parser chain per thread: building one costs more than parsing a typical message. */
    private static final class Reader {
        final LenientNcipFilter filter;
        final Unmarshaller unmarshaller;

        Reader() throws ParserConfigurationException, SAXException, JAXBException {
            XMLReader reader = PARSERS.newSAXParser().getXMLReader();
            reader.setProperty("http://xml.org/sax/properties/declaration-handler", NO_ENTITIES);
            // NCIP nests a dozen levels; a deeper document is an attack on the stack, refused early
            reader.setProperty("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
            // never fetch anything, whatever a parser feature may miss
            reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            filter = new LenientNcipFilter(reader);
            unmarshaller = CONTEXT.createUnmarshaller();
        }
    }

    private static final ThreadLocal<Reader> READERS = new ThreadLocal<>();
    private static final ThreadLocal<Marshaller> WRITERS = new ThreadLocal<>();

    /**
     * Reads a message: a plain LookupUser, CheckOutItem or CheckInItem by {@link NcipFastReader} (StAX straight into
     * the binding), anything else, and anything that reader declines, by the full path (SAX, the lenient filter, JAXB).
     */
    public static Parsed read(byte[] xml) throws NcipParseException {
        NCIPMessage plain = NcipFastReader.read(xml);
        if (plain != null) {
            return new V2(plain, false);
        }
        return readFully(xml);
    }

    /** The full path: every message NCIP allows us to read, every leniency, every error. */
    static Parsed readFully(byte[] xml) throws NcipParseException {
        Reader r = READERS.get();
        boolean clean = false;
        try {
            if (r == null) {
                r = new Reader();
            }
            Object result = r.unmarshaller.unmarshal(new SAXSource(r.filter, new InputSource(new ByteArrayInputStream(xml))));
            clean = true;
            if (result instanceof jakarta.xml.bind.JAXBElement<?> el) {
                result = el.getValue();
            }
            if (result instanceof NCIPMessage m) {
                return new V2(m, r.filter.isV1());
            }
            if (result instanceof NCIPVersionMessage v) {
                return new Version(v);
            }
            throw new NcipParseException(SYNTAX_ERROR, "Not an NCIP message");
        } catch (UnmarshalException e) {
            throw new NcipParseException(SYNTAX_ERROR, describe(e));
        } catch (JAXBException | SAXException | ParserConfigurationException | RuntimeException | StackOverflowError e) {
            throw new NcipParseException(SYNTAX_ERROR, "Unreadable XML: " + e.getClass().getSimpleName());
        } finally {
            // a chain that failed mid-document is dropped rather than trusted again
            if (clean) {
                READERS.set(r);
            } else {
                READERS.remove();
            }
        }
    }

    private static String describe(UnmarshalException e) {
        Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
        if (cause instanceof SAXParseException p) {
            return "Not well-formed XML at line " + p.getLineNumber() + ": " + shorten(p.getMessage());
        }
        if (cause instanceof SAXException s) {
            return shorten(s.getMessage());
        }
        String m = e.getMessage();
        if (m != null && m.contains("unexpected element")) {
            return "Not an NCIP 2 message: unexpected root element" + rootName(m);
        }
        return "Unreadable NCIP message";
    }

    private static String rootName(String m) {
        int i = m.indexOf("(uri:");
        int j = m.indexOf(')', i);
        return i >= 0 && j > i ? " " + shorten(m.substring(i, j + 1)) : "";
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    public static byte[] write(NCIPMessage message) {
        if (message.getVersion() == null) {
            message.setVersion(VERSION);
        }
        return marshal(message, true);
    }

    /** An answer in NCIP version 1 form, for a partner that wrote to us in v1 (see {@link NcipV1Writer}). */
    public static byte[] writeV1(NCIPMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
            Marshaller m = CONTEXT.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.marshal(message, new NcipV1Writer(out));
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write NCIP v1 message", e);
        }
    }

    public static byte[] write(NCIPVersionMessage message) {
        return marshal(message, false);
    }

    private static byte[] marshal(Object root, boolean prefixed) {
        try {
            Marshaller m;
            if (prefixed) {
                m = WRITERS.get();
                if (m == null) {
                    m = CONTEXT.createMarshaller();
                    m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
                    m.setProperty("org.glassfish.jaxb.namespacePrefixMapper", PREFIXES);
                    WRITERS.set(m);
                }
            } else {
                m = CONTEXT.createMarshaller();
                m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
            m.marshal(root, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            WRITERS.remove();
            throw new IllegalStateException("cannot write NCIP message", e);
        }
    }

    private static final NamespacePrefixMapper PREFIXES = new NamespacePrefixMapper() {
        @Override
        public String getPreferredPrefix(String namespaceUri, String suggestion, boolean requirePrefix) {
            return NCIP_NS.equals(namespaceUri) ? "ns1" : suggestion;
        }
    };

    /** Refuses entity declarations before any is used: no external fetch, no exponential expansion. */
    private static final DeclHandler NO_ENTITIES = new DeclHandler() {
        @Override
        public void elementDecl(String name, String model) {
        }

        @Override
        public void attributeDecl(String eName, String aName, String type, String mode, String value) {
        }

        @Override
        public void internalEntityDecl(String name, String value) throws SAXException {
            throw new SAXException("Entity declarations are not allowed");
        }

        @Override
        public void externalEntityDecl(String name, String publicId, String systemId) throws SAXException {
            throw new SAXException("Entity declarations are not allowed");
        }
    };
}
