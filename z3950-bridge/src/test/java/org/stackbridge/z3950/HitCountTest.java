package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stackbridge.adapter.catalogue.LuceneCatalogueIndex;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.z3950.query.Z3950QueryMapper;

/**
 * The same query set as the Zebra comparison, evaluated on the index directly against the hit counts Zebra
 * 2.2.7 returned on the same corpus (recorded in zebra-hitcounts.tsv; ZebraHitCountIT re-runs Zebra live).
 */
@Timeout(120)
class HitCountTest {

    private static LuceneCatalogueIndex index;

    @BeforeAll
    static void load() {
        index = TestCatalogue.index();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    static Stream<Arguments> recorded() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = HitCountTest.class.getResourceAsStream("/zebra-hitcounts.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                if (f.length == 2 && f[1].endsWith(" hits")) {
                    out.add(Arguments.of(f[0], Long.parseLong(f[1].substring(0, f[1].length() - 5))));
                }
            }
        }
        return out.stream();
    }

    static long count(String pqf) {
        PqfParser.Pqf q = PqfParser.parse(pqf);
        return index.search(Z3950QueryMapper.map(q.attributeSet(), q.rpn(), name -> null)).length;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("recorded")
    void sameHitCountAsZebra(String pqf, long zebraHits) {
        long ours;
        try {
            ours = count(pqf);
        } catch (UnsupportedSearchException e) {
            throw new AssertionError(pqf + " -> diagnostic " + e.bib1Condition() + " " + e.addinfo(), e);
        }
        assertEquals(zebraHits, ours, pqf);
    }
}
