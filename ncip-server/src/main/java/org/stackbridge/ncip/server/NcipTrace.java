package org.stackbridge.ncip.server;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.AgencyTraces;
import org.stackbridge.ncip.config.NcipSettings;

/**
 * The per-agency NCIP trace an administrator switches on and off while the gateway runs (staff API
 * {@code PUT /api/v1/traces/ncip/{agency}}, {@code bin/stackbridge trace ncip}): every request of a traced agency and
 * its answer are logged at INFO on the logger {@code stackbridge.trace.ncip}, as compact XML on one line each, with
 * secrets masked: the values of {@code AuthenticationInputData}, {@code FromAgencyAuthentication} (the agency's
 * shared secret) and of every element or attribute named as a password or PIN become {@code ***}. A message longer
 * than {@link #MAX_LOGGED_CHARS} is cut there with a marker; a request that is not well-formed XML is not shown (its
 * secrets could not be found), only its size. The agency of a request is its FromAgencyId, else the agency whose
 * own path it arrived on, matched case-insensitively as admission does. The switches are kept in this node's memory:
 * each node has its own, and a restart ends them (as the SIP2 trace).
 */
public final class NcipTrace implements AgencyTraces {

    /** The logger every trace line goes to; route or silence it in logback.xml. */
    public static final String LOGGER = "stackbridge.trace.ncip";
    /** At most this many characters of one message are logged. */
    public static final int MAX_LOGGED_CHARS = 8_192;
    static final String MASK = "***";
    private static final Logger TRACE = LoggerFactory.getLogger(LOGGER);
    /** Bounds the set: a typo loop in a script cannot grow it without limit. */
    private static final int MAX_TRACED = 1_000;
    private static final Set<String> SECRET_ELEMENTS = Set.of("authenticationinputdata", "fromagencyauthentication",
            "fromsystemauthentication", "toagencyauthentication");
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "passphrase", "pin", "secret");
    /** Splits a camel-case or punctuated name into words: UserPIN -> User, PIN; PINCode -> PIN, Code. */
    private static final Pattern WORDS = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    private static final XMLInputFactory INPUT = inputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final XMLEventFactory EVENTS = XMLEventFactory.newFactory();

    private final java.util.function.Supplier<NcipSettings> current;
    private final Set<String> traced = ConcurrentHashMap.newKeySet();
    private final AtomicLong exchanges = new AtomicLong();

    public NcipTrace(NcipSettings settings) {
        this(() -> settings);
    }

    /** Reads the settings at each use, so a configuration reload's agencies are the ones that can be traced. */
    public NcipTrace(java.util.function.Supplier<NcipSettings> current) {
        this.current = current;
    }

    @Override
    public Set<String> agencies() {
        return new TreeSet<>(current.get().agencies().keySet());
    }

    @Override
    public Set<String> traced() {
        return new TreeSet<>(traced);
    }

    @Override
    public boolean trace(String agency, boolean on) {
        String key = key(agency);
        if (on) {
            if (current.get().agency(key).isEmpty() && !current.get().openMode()) {
                throw new IllegalArgumentException("no NCIP agency " + agency + " is configured (ncip.agencies)");
            }
            if (!traced.contains(key) && traced.size() >= MAX_TRACED) {
                throw new IllegalStateException("at most " + MAX_TRACED + " agencies can be traced at once");
            }
            return !traced.add(key);
        }
        return traced.remove(key);
    }

    private static String key(String agency) {
        return agency.trim().toLowerCase(Locale.ROOT);
    }

    /** One traced exchange: its answer is logged under the request's number. */
    interface Exchange {
        void answer(byte[] xml);
    }

    /**
     * Logs a request when its agency is traced and answers the hook that logs its answer; null when the agency is not
     * traced (then nothing is read: with no trace on, this costs one check).
     */
    Exchange request(byte[] xml, String path, InetSocketAddress remote) {
        if (traced.isEmpty()) {
            return null;
        }
        Masked masked = mask(xml);
        String agency = masked.fromAgency() != null ? key(masked.fromAgency()) : current.get().agencyForPath(path).orElse(null);
        if (agency == null || !traced.contains(agency)) {
            return null;
        }
        long n = exchanges.incrementAndGet();
        String from = remote == null || remote.getAddress() == null ? "?" : remote.getAddress().getHostAddress();
        TRACE.info("{} #{} request from {} to {}: {}", agency, n, from, path, masked.text() != null ? masked.text()
                : "(not well-formed XML, " + xml.length + " bytes, not shown)");
        return answer -> {
            String text = mask(answer).text();
            TRACE.info("{} #{} answer to {}: {}", agency, n, from, text != null ? text : "(" + answer.length + " bytes, not XML)");
        };
    }

    /** The message as one line of XML with secrets masked and cut to size (null when not well-formed), and its FromAgencyId. */
    record Masked(String text, String fromAgency) {
    }

    static Masked mask(byte[] xml) {
        StringWriter out = new StringWriter();
        String fromAgency = null;
        try {
            XMLEventReader in = INPUT.createXMLEventReader(new ByteArrayInputStream(xml));
            XMLEventWriter writer = OUTPUT.createXMLEventWriter(out);
            int secretDepth = 0;
            boolean masked = false;
            int fromAgencyDepth = 0;
            List<String> open = new ArrayList<>();
            while (in.hasNext()) {
                XMLEvent e = in.nextEvent();
                if (e.isStartElement()) {
                    StartElement s = e.asStartElement();
                    String name = s.getName().getLocalPart();
                    open.add(name);
                    if (secretDepth > 0 || secret(name)) {
                        secretDepth++;
                    }
                    if (fromAgencyDepth > 0 || (fromAgency == null && name.equals("FromAgencyId"))) {
                        fromAgencyDepth++;
                    }
                    writer.add(maskAttributes(s));
                } else if (e.isEndElement()) {
                    open.remove(open.size() - 1);
                    if (secretDepth > 0 && --secretDepth == 0) {
                        masked = false;
                    }
                    if (fromAgencyDepth > 0) {
                        fromAgencyDepth--;
                    }
                    writer.add(e);
                } else if (e.isCharacters()) {
                    String text = e.asCharacters().getData();
                    if (e.asCharacters().isWhiteSpace() || text.isBlank()) {
                        continue;
                    }
                    if (fromAgencyDepth > 0 && fromAgency == null && !open.isEmpty()
                            && (open.get(open.size() - 1).equals("AgencyId") || open.get(open.size() - 1).equals("Value"))) {
                        fromAgency = text.trim();
                    }
                    if (secretDepth > 0) {
                        if (!masked) {
                            writer.add(EVENTS.createCharacters(MASK));
                            masked = true;
                        }
                    } else {
                        writer.add(EVENTS.createCharacters(text.replace('\r', ' ').replace('\n', ' ')));
                    }
                } else if (e.isStartDocument() || e.isEndDocument() || e.getEventType() == XMLEvent.COMMENT
                        || e.getEventType() == XMLEvent.DTD) {
                    continue;
                } else {
                    writer.add(e);
                }
            }
            writer.flush();
        } catch (XMLStreamException | RuntimeException e) {
            return new Masked(null, fromAgency);
        }
        return new Masked(cut(out.toString()), fromAgency);
    }

    private static StartElement maskAttributes(StartElement s) {
        boolean any = false;
        for (Iterator<Attribute> it = s.getAttributes(); it.hasNext(); ) {
            any |= secret(it.next().getName().getLocalPart());
        }
        if (!any) {
            return s;
        }
        List<Attribute> attributes = new ArrayList<>();
        for (Iterator<Attribute> it = s.getAttributes(); it.hasNext(); ) {
            Attribute a = it.next();
            attributes.add(secret(a.getName().getLocalPart()) ? EVENTS.createAttribute(a.getName(), MASK) : a);
        }
        return EVENTS.createStartElement(s.getName(), attributes.iterator(), s.getNamespaces());
    }

    /** Whether an element or attribute of this local name holds a secret: a known one, or a name with a password or PIN word. */
    static boolean secret(String localName) {
        if (SECRET_ELEMENTS.contains(localName.toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (String word : WORDS.split(localName)) {
            if (SECRET_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    static String cut(String text) {
        return text.length() <= MAX_LOGGED_CHARS ? text
                : text.substring(0, MAX_LOGGED_CHARS) + "...[truncated: " + (text.length() - MAX_LOGGED_CHARS) + " more characters]";
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // no DTDs and no external entities: a traced message can neither read files nor expand without bound
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
