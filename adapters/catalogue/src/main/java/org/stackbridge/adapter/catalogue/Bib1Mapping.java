package org.stackbridge.adapter.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Which catalogue index serves which Bib-1 use attribute and which MARC fields feed it. Loaded from a
 * properties file (the shipped default is {@code bib1-mapping.properties} next to this class).
 */
public final class Bib1Mapping {

    /** Where a value comes from. */
    public enum Kind { DATA_FIELD, CONTROL_FIELD, ALL_DATA_FIELDS }

    /** How a value is normalised before indexing. */
    public enum Normalisation { TEXT, ISBN, ISSN }

    public record Source(Kind kind, String tag, String subfields, int from, int to, Normalisation normalisation) {
    }

    public record IndexDef(String name, List<Integer> uses, List<Source> sources, List<Source> sortSources) {
        public IndexDef {
            uses = List.copyOf(uses);
            sources = List.copyOf(sources);
            sortSources = List.copyOf(sortSources);
        }

        public boolean sortable() {
            return !sortSources.isEmpty();
        }
    }

    private final Map<String, IndexDef> byName;
    private final Map<Integer, IndexDef> byUse;

    private Bib1Mapping(Map<String, IndexDef> byName) {
        this.byName = Map.copyOf(byName);
        Map<Integer, IndexDef> u = new HashMap<>();
        for (IndexDef d : byName.values()) {
            for (int use : d.uses()) {
                IndexDef prev = u.put(use, d);
                if (prev != null) {
                    throw new IllegalArgumentException("use attribute " + use + " mapped twice: " + prev.name() + ", " + d.name());
                }
            }
        }
        this.byUse = Map.copyOf(u);
    }

    public static Bib1Mapping defaults() {
        try (InputStream in = Bib1Mapping.class.getResourceAsStream("bib1-mapping.properties")) {
            if (in == null) {
                throw new IllegalStateException("bib1-mapping.properties missing from the classpath");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Bib1Mapping load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            return parse(p);
        }
    }

    public static Bib1Mapping parse(Properties p) {
        TreeSet<String> names = new TreeSet<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("index.") && k.endsWith(".use")) {
                names.add(k.substring(6, k.length() - 4));
            }
        }
        Map<String, IndexDef> defs = new LinkedHashMap<>();
        for (String n : names) {
            if (!n.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("bad index name '" + n + "' (use a-z, 0-9, -)");
            }
            List<Integer> uses = new ArrayList<>();
            for (String u : p.getProperty("index." + n + ".use").split("[,\\s]+")) {
                if (!u.isBlank()) {
                    uses.add(Integer.parseInt(u.strip()));
                }
            }
            String src = p.getProperty("index." + n + ".source");
            if (src == null || src.isBlank()) {
                throw new IllegalArgumentException("index." + n + ".source missing");
            }
            defs.put(n, new IndexDef(n, uses, sources(src), sources(p.getProperty("index." + n + ".sort", ""))));
        }
        if (defs.isEmpty()) {
            throw new IllegalArgumentException("no index.<name>.use entries");
        }
        return new Bib1Mapping(defs);
    }

    private static List<Source> sources(String spec) {
        List<Source> out = new ArrayList<>();
        for (String tok : spec.trim().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            Normalisation norm = Normalisation.TEXT;
            int colon = tok.indexOf(':');
            if (colon >= 0) {
                norm = Normalisation.valueOf(tok.substring(colon + 1).toUpperCase(java.util.Locale.ROOT));
                tok = tok.substring(0, colon);
            }
            if (tok.equals("*")) {
                out.add(new Source(Kind.ALL_DATA_FIELDS, "*", "", 0, 0, norm));
                continue;
            }
            if (!tok.matches("\\d{3}(\\$[0-9a-z]+|/\\d+(-\\d+)?)?")) {
                throw new IllegalArgumentException("bad MARC source '" + tok + "'");
            }
            String tag = tok.substring(0, 3);
            boolean control = tag.startsWith("00");
            if (tok.length() == 3) {
                out.add(control ? new Source(Kind.CONTROL_FIELD, tag, "", 0, -1, norm)
                        : new Source(Kind.DATA_FIELD, tag, "", 0, 0, norm));
            } else if (tok.charAt(3) == '$') {
                out.add(new Source(Kind.DATA_FIELD, tag, tok.substring(4), 0, 0, norm));
            } else {
                String[] r = tok.substring(4).split("-");
                int a = Integer.parseInt(r[0]);
                out.add(new Source(Kind.CONTROL_FIELD, tag, "", a, r.length > 1 ? Integer.parseInt(r[1]) : a, norm));
            }
        }
        return out;
    }

    public Optional<IndexDef> forUse(int use) {
        return Optional.ofNullable(byUse.get(use));
    }

    public Optional<IndexDef> index(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<IndexDef> indexes() {
        return byName.values();
    }
}
