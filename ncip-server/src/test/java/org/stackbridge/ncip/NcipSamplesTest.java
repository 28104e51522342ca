package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.codec.NcipXml;

/** Every real message in the sample corpus parses through the lenient reader, keeping its version attribute. */
class NcipSamplesTest {

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
    void parses(Path sample) throws Exception {
        NcipXml.Parsed parsed = NcipXml.read(Files.readAllBytes(sample));
        if (parsed instanceof NcipXml.V2 v2) {
            NCIPMessage m = v2.message();
            assertNotNull(m.getVersion(), "version attribute kept");
        } else {
            assertNotNull(((NcipXml.Version) parsed).message());
        }
    }
}
