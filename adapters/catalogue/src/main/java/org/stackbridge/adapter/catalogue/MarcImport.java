package org.stackbridge.adapter.catalogue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.marc4j.MarcPermissiveStreamReader;
import org.marc4j.MarcStreamWriter;
import org.marc4j.converter.impl.UnicodeToAnsel;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.stackbridge.core.model.BibRecord;

/**
 * Reads ISO 2709 files (UTF-8 or MARC-8, converted to UTF-8 with leader/09 = 'a') into {@link BibRecord}s,
 * and converts records for output (MARC-8, synthesised MARC for bibs imported without MARC).
 */
public final class MarcImport {

    private MarcImport() {
    }

    /** Records of the stream as BibRecords with id 0 (the store assigns ids). */
    public static Iterator<BibRecord> read(InputStream in) {
        MarcPermissiveStreamReader reader = new MarcPermissiveStreamReader(in, true, true);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public BibRecord next() {
                if (!reader.hasNext()) {
                    throw new NoSuchElementException();
                }
                return toBib(reader.next(), 0);
            }
        };
    }

    public static List<BibRecord> readAll(InputStream in) {
        List<BibRecord> out = new ArrayList<>();
        read(in).forEachRemaining(out::add);
        return out;
    }

    /** A BibRecord from a parsed record: UTF-8 ISO 2709 bytes plus the summary fields. */
    public static BibRecord toBib(Record rec, long id) {
        rec.getLeader().setCharCodingScheme('a');
        String cn = control(rec, "001");
        String title = sub(rec, "245", "abnp");
        String author = sub(rec, "100", "a");
        if (author == null) {
            author = sub(rec, "110", "a");
        }
        String isbnRaw = sub(rec, "020", "a");
        String isbn = isbnRaw == null ? null : StandardNumbers.clean(isbnRaw);
        String publisher = sub(rec, "260", "b");
        if (publisher == null) {
            publisher = sub(rec, "264", "b");
        }
        String f008 = control(rec, "008");
        String year = f008 != null && f008.length() >= 11 ? f008.substring(7, 11).strip() : null;
        return new BibRecord(id, cn == null ? "" : cn, title == null ? "" : trimPunct(title), author == null ? null : trimPunct(author),
                isbn, publisher == null ? null : trimPunct(publisher), year, write(rec, false));
    }

    /** ISO 2709 bytes; UTF-8 (leader/09 'a') or MARC-8 (leader/09 blank). */
    static byte[] write(Record rec, boolean marc8) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        MarcStreamWriter w;
        if (marc8) {
            rec.getLeader().setCharCodingScheme(' ');
            w = new MarcStreamWriter(out, "ISO8859_1");
            w.setConverter(new UnicodeToAnsel());
        } else {
            rec.getLeader().setCharCodingScheme('a');
            w = new MarcStreamWriter(out, "UTF-8");
        }
        w.write(rec);
        w.close();
        return out.toByteArray();
    }

    /** A minimal MARC21 record for a bib that was created without MARC (so it is searchable and presentable). */
    public static Record synthesise(BibRecord bib) {
        MarcFactory f = MarcFactory.newInstance();
        Record r = f.newRecord("00000nam a2200000 a 4500");
        r.addVariableField(f.newControlField("001", bib.controlNumber()));
        String y = bib.year() == null || bib.year().length() != 4 ? "    " : bib.year();
        r.addVariableField(f.newControlField("008", "000000s" + y + "    xx            000 0 und d"));
        if (bib.isbn() != null && !bib.isbn().isBlank()) {
            r.addVariableField(f.newDataField("020", ' ', ' ', "a", bib.isbn()));
        }
        if (bib.author() != null && !bib.author().isBlank()) {
            r.addVariableField(f.newDataField("100", '1', ' ', "a", bib.author()));
        }
        r.addVariableField(f.newDataField("245", '0', '0', "a", bib.title()));
        if (bib.publisher() != null || bib.year() != null) {
            DataField d = f.newDataField("260", ' ', ' ');
            if (bib.publisher() != null) {
                d.addSubfield(f.newSubfield('b', bib.publisher()));
            }
            if (bib.year() != null) {
                d.addSubfield(f.newSubfield('c', bib.year()));
            }
            r.addVariableField(d);
        }
        return r;
    }

    private static String control(Record rec, String tag) {
        ControlField cf = (ControlField) rec.getVariableField(tag);
        return cf == null ? null : cf.getData().strip();
    }

    private static String sub(Record rec, String tag, String codes) {
        DataField df = (DataField) rec.getVariableField(tag);
        if (df == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Subfield s : df.getSubfields()) {
            if (codes.indexOf(s.getCode()) >= 0) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(s.getData());
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static String trimPunct(String s) {
        return s.replaceAll("[\\s/:;,.=]+$", "").strip();
    }
}
