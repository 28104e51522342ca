package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.codec.NcipXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every real message in the sample corpus parses through the lenient reader into the service element it
 * carries (read independently, from the document's first element under the root), keeps its version
 * attribute, and survives a write and a second read unchanged.
 */
class NcipSamplesTest {

    /** NCIPMessage's element getters (service requests and responses, Problem, Ext), in a fixed order. */
    private static final List<Method> ELEMENT_GETTERS = Arrays.stream(NCIPMessage.class.getMethods())
            .filter(m -> m.getName().startsWith("get") && m.getParameterCount() == 0)
            .filter(m -> m.getReturnType() == List.class || m.getReturnType().getPackage() == NCIPMessage.class.getPackage())
            .sorted(Comparator.comparing(Method::getName))
            .toList();

    static Stream<Path> samples() throws IOException, URISyntaxException {
        Path dir = Path.of(NcipSamplesTest.class.getResource("/ncip/samples").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertEquals(149, files.size(), "sample corpus");
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void parsesIntoTheServiceItNamesAndRoundTrips(Path sample) throws Exception {
        String name = sample.getFileName().toString();
        String expected = firstChildName(sample);

        NCIPMessage read = assertInstanceOf(NcipXml.V2.class, NcipXml.read(Files.readAllBytes(sample)), name).message();
        assertNotNull(read.getVersion(), name + ": version attribute kept");
        assertEquals(List.of(expected), elementsPresent(read), name + ": parsed elements");

        byte[] written = NcipXml.write(read);
        NCIPMessage again = ((NcipXml.V2) NcipXml.read(written)).message();
        assertEquals(List.of(expected), elementsPresent(again), name + ": elements after a write and a second read");
        assertArrayEquals(written, NcipXml.write(again), name + ": a second write differs from the first");
    }

    /** The local name of the root's first child element, read with a plain DOM parser. */
    private static String firstChildName(Path sample) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root;
        try (InputStream in = Files.newInputStream(sample)) {
            root = f.newDocumentBuilder().parse(in).getDocumentElement();
        }
        assertEquals("NCIPMessage", root.getLocalName(), sample + ": root element");
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e.getLocalName();
            }
        }
        throw new AssertionError(sample + ": NCIPMessage is empty");
    }

    /** The names of the elements set in {@code m} (a non-empty list counts once). */
    private static List<String> elementsPresent(NCIPMessage m) throws ReflectiveOperationException {
        List<String> present = new ArrayList<>();
        for (Method getter : ELEMENT_GETTERS) {
            Object value = getter.invoke(m);
            if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
                present.add(getter.getName().substring(3));
            }
        }
        return present;
    }
}
