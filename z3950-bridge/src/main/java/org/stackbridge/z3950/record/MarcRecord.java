package org.stackbridge.z3950.record;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A MARC record read from ISO 2709 (UTF-8): leader and fields in order. Enough for element-set filtering,
 * MARCXML, SUTRS and Dublin Core without a MARC library in the listener.
 */
public final class MarcRecord {

    private static final byte FT = 0x1E, RT = 0x1D, US = 0x1F;

    /** A control field (tag &lt; 010, {@code subfields} empty) or a data field. */
    public record Field(String tag, char ind1, char ind2, String data, List<Subfield> subfields) {
        public boolean isControl() {
            return data != null;
        }

        public String subfieldText(String codes) {
            StringBuilder b = new StringBuilder();
            for (Subfield s : subfields) {
                if (codes.isEmpty() || codes.indexOf(s.code()) >= 0) {
                    if (b.length() > 0) {
                        b.append(' ');
                    }
                    b.append(s.value());
                }
            }
            return b.toString();
        }

        public String first(char code) {
            for (Subfield s : subfields) {
                if (s.code() == code) {
                    return s.value();
                }
            }
            return null;
        }
    }

    public record Subfield(char code, String value) {
    }

    private final String leader;
    private final List<Field> fields;

    private MarcRecord(String leader, List<Field> fields) {
        this.leader = leader;
        this.fields = List.copyOf(fields);
    }

    public String leader() {
        return leader;
    }

    public List<Field> fields() {
        return fields;
    }

    public List<Field> fields(String tag) {
        return fields.stream().filter(f -> f.tag().equals(tag)).toList();
    }

    /** Parses ISO 2709; tolerant of a wrong base address, strict on the directory. */
    public static MarcRecord parse(byte[] b) {
        if (b.length < 25) {
            throw new IllegalArgumentException("record shorter than a leader");
        }
        String leader = new String(b, 0, 24, StandardCharsets.US_ASCII);
        int dirEnd = 24;
        while (dirEnd < b.length && b[dirEnd] != FT) {
            dirEnd++;
        }
        int base = dirEnd + 1;
        List<Field> fields = new ArrayList<>();
        for (int d = 24; d + 12 <= dirEnd; d += 12) {
            String tag = new String(b, d, 3, StandardCharsets.US_ASCII);
            int len = num(b, d + 3, 4);
            int start = num(b, d + 7, 5);
            int from = base + start;
            int to = Math.min(b.length, from + len);
            if (from >= b.length || len <= 0) {
                continue;
            }
            if (to > from && (b[to - 1] == FT || b[to - 1] == RT)) {
                to--;
            }
            if (tag.compareTo("010") < 0 && !tag.equals("000")) {
                fields.add(new Field(tag, ' ', ' ', new String(b, from, to - from, StandardCharsets.UTF_8), List.of()));
            } else {
                char i1 = to - from > 0 ? (char) b[from] : ' ';
                char i2 = to - from > 1 ? (char) b[from + 1] : ' ';
                List<Subfield> subs = new ArrayList<>();
                int p = from + 2;
                while (p < to) {
                    if (b[p] == US && p + 1 < to) {
                        int q = p + 2;
                        while (q < to && b[q] != US) {
                            q++;
                        }
                        subs.add(new Subfield((char) b[p + 1], new String(b, p + 2, Math.max(0, q - p - 2), StandardCharsets.UTF_8)));
                        p = q;
                    } else {
                        p++;
                    }
                }
                fields.add(new Field(tag, i1, i2, null, subs));
            }
        }
        return new MarcRecord(leader, fields);
    }

    private static int num(byte[] b, int off, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int c = b[off + i] - '0';
            if (c < 0 || c > 9) {
                throw new IllegalArgumentException("bad directory entry");
            }
            v = v * 10 + c;
        }
        return v;
    }

    /** A copy with only the fields accepted by {@code keep}. */
    public MarcRecord filter(Predicate<Field> keep) {
        return new MarcRecord(leader, fields.stream().filter(keep).toList());
    }

    /** Element set B (Zebra brief): 001, 008, 020, 022, 1XX, 245, 250, 26X. */
    public MarcRecord brief() {
        Set<String> tags = Set.of("001", "008", "020", "022", "100", "110", "111", "130", "245", "250", "260", "264");
        return filter(f -> tags.contains(f.tag()));
    }

    /** ISO 2709 in UTF-8 with leader/09 = 'a'. */
    public byte[] toIso2709() {
        ByteArrayOutputStream dir = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Field f : fields) {
            int start = data.size();
            if (f.isControl()) {
                data.writeBytes(f.data().getBytes(StandardCharsets.UTF_8));
            } else {
                data.write(f.ind1());
                data.write(f.ind2());
                for (Subfield s : f.subfields()) {
                    data.write(US);
                    data.write(s.code());
                    data.writeBytes(s.value().getBytes(StandardCharsets.UTF_8));
                }
            }
            data.write(FT);
            dir.writeBytes(String.format("%s%04d%05d", f.tag(), data.size() - start, start).getBytes(StandardCharsets.US_ASCII));
        }
        dir.write(FT);
        int base = 24 + dir.size();
        int total = base + data.size() + 1;
        StringBuilder l = new StringBuilder(leader);
        l.replace(0, 5, String.format("%05d", Math.min(total, 99999)));
        l.setCharAt(9, 'a');
        l.replace(12, 17, String.format("%05d", base));
        ByteArrayOutputStream out = new ByteArrayOutputStream(total);
        out.writeBytes(l.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(dir.toByteArray());
        out.writeBytes(data.toByteArray());
        out.write(RT);
        return out.toByteArray();
    }
}
