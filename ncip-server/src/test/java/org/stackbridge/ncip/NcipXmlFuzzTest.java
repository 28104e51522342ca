package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stackbridge.ncip.codec.NcipParseException;
import org.stackbridge.ncip.codec.NcipXml;

/**
 * Seeded mutations of real messages (byte flips, truncation, splices, inserted markup): the reader returns a
 * message or throws {@link NcipParseException}, nothing else.
 */
class NcipXmlFuzzTest {

    private static final String[] SNIPPETS = {"<", ">", "&", "&amp;", "<!DOCTYPE x>", "<!ENTITY a \"b\">", "]]>", "<![CDATA[", "\u0000",
        "xmlns=\"\"", "ns1:", "<NCIPMessage>", "</LookupUser>", "version=", "\uFFFF", "<?xml version=\"1.1\"?>", "&#0;", "&#x10FFFF;"};

    @Test
    void mutatedSamplesNeverBreakTheReader() throws Exception {
        Path dir = Path.of(NcipXmlFuzzTest.class.getResource("/ncip/samples").toURI());
        List<byte[]> samples;
        try (Stream<Path> s = Files.list(dir)) {
            samples = s.sorted().map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        Random random = new Random(20260302L);
        for (int i = 0; i < 1500; i++) {
            byte[] in = mutate(samples.get(random.nextInt(samples.size())), samples.get(random.nextInt(samples.size())), random);
            try {
                assertNotNull(NcipXml.read(in));
            } catch (NcipParseException expected) {
                assertNotNull(expected.problemType());
            }
        }
    }

    private static byte[] mutate(byte[] a, byte[] b, Random r) {
        byte[] out = a.clone();
        switch (r.nextInt(5)) {
            case 0 -> {
                for (int k = 0; k < 1 + r.nextInt(8); k++) {
                    out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> out = java.util.Arrays.copyOf(out, r.nextInt(out.length));
            case 2 -> {
                int cut = r.nextInt(out.length);
                int from = r.nextInt(b.length);
                byte[] joined = new byte[cut + b.length - from];
                System.arraycopy(out, 0, joined, 0, cut);
                System.arraycopy(b, from, joined, cut, b.length - from);
                out = joined;
            }
            default -> {
                byte[] snippet = SNIPPETS[r.nextInt(SNIPPETS.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int at = r.nextInt(out.length);
                byte[] joined = new byte[out.length + snippet.length];
                System.arraycopy(out, 0, joined, 0, at);
                System.arraycopy(snippet, 0, joined, at, snippet.length);
                System.arraycopy(out, at, joined, at + snippet.length, out.length - at);
                out = joined;
            }
        }
        return out;
    }
}
