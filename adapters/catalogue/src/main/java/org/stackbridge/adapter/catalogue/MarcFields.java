package org.stackbridge.adapter.catalogue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.marc4j.MarcStreamReader;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.marc4j.marc.VariableField;

/** Extracts index values from a MARC record according to a {@link Bib1Mapping}. */
final class MarcFields {

    private MarcFields() {
    }

    /** Parses one UTF-8 ISO 2709 record; null when the bytes are not a record. */
    static Record parse(byte[] iso2709) {
        if (iso2709 == null || iso2709.length < 24) {
            return null;
        }
        MarcStreamReader r = new MarcStreamReader(new ByteArrayInputStream(iso2709), "UTF-8");
        return r.hasNext() ? r.next() : null;
    }

    /** The values of every source, each a field (or position range) as text; standard numbers normalised. */
    static List<String> values(Record rec, List<Bib1Mapping.Source> sources) {
        List<String> out = new ArrayList<>();
        for (Bib1Mapping.Source s : sources) {
            switch (s.kind()) {
                case CONTROL_FIELD -> {
                    for (VariableField f : rec.getVariableFields(s.tag())) {
                        if (f instanceof ControlField cf) {
                            String d = cf.getData();
                            if (s.to() < 0) {
                                add(out, d.strip(), s);
                            } else if (d.length() > s.to() && (!s.tag().equals("008") || d.length() >= 38)) {
                                add(out, d.substring(s.from(), s.to() + 1), s);
                            }
                        }
                    }
                }
                case DATA_FIELD -> {
                    for (VariableField f : rec.getVariableFields(s.tag())) {
                        if (f instanceof DataField df) {
                            if (s.normalisation() == Bib1Mapping.Normalisation.TEXT) {
                                add(out, join(df, s.subfields()), s);
                            } else {
                                for (Subfield sf : df.getSubfields()) {
                                    if (s.subfields().isEmpty() || s.subfields().indexOf(sf.getCode()) >= 0) {
                                        add(out, sf.getData(), s);
                                    }
                                }
                            }
                        }
                    }
                }
                case ALL_DATA_FIELDS -> {
                    for (DataField df : rec.getDataFields()) {
                        add(out, join(df, ""), s);
                    }
                }
            }
        }
        return out;
    }

    /** The sort key: the first value, skipping 245's non-filing characters. */
    static String sortValue(Record rec, List<Bib1Mapping.Source> sources) {
        for (Bib1Mapping.Source s : sources) {
            if (s.kind() == Bib1Mapping.Kind.DATA_FIELD && s.tag().equals("245")) {
                for (VariableField f : rec.getVariableFields("245")) {
                    if (f instanceof DataField df) {
                        String v = join(df, s.subfields());
                        int skip = Character.isDigit(df.getIndicator2()) ? df.getIndicator2() - '0' : 0;
                        return skip < v.length() ? v.substring(skip) : v;
                    }
                }
            } else {
                List<String> v = values(rec, List.of(s));
                if (!v.isEmpty()) {
                    return v.get(0);
                }
            }
        }
        return null;
    }

    private static void add(List<String> out, String v, Bib1Mapping.Source s) {
        switch (s.normalisation()) {
            case ISBN -> out.addAll(StandardNumbers.isbnForms(v));
            case ISSN -> {
                String c = StandardNumbers.issn(v);
                if (!c.isEmpty()) {
                    out.add(c);
                }
            }
            default -> {
                if (v != null && !v.isBlank()) {
                    out.add(v);
                }
            }
        }
    }

    private static String join(DataField df, String codes) {
        StringBuilder b = new StringBuilder();
        for (Subfield sf : df.getSubfields()) {
            char c = sf.getCode();
            boolean ok = codes.isEmpty() ? (c >= 'a' && c <= 'z') : codes.indexOf(c) >= 0;
            if (ok) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(sf.getData());
            }
        }
        return b.toString();
    }
}
