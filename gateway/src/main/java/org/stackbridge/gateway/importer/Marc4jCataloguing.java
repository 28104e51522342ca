package org.stackbridge.gateway.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;
import org.marc4j.MarcPermissiveStreamReader;
import org.marc4j.MarcReader;
import org.marc4j.MarcStreamReader;
import org.marc4j.MarcXmlReader;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.marc4j.marc.VariableField;
import org.stackbridge.core.catalogue.MarcCataloguing;
import org.stackbridge.core.model.BibRecord;

/**
 * The staff API's MARC work with marc4j: one record from a request body (ISO 2709, MARC-8 or UTF-8, framed as the
 * MARC importer frames files; or MARCXML), converted as {@link MarcImporter} converts imported records; a stored
 * record's fields; re-indexing through the catalogue sync.
 */
public final class Marc4jCataloguing implements MarcCataloguing {

    private final LongFunction<CompletionStage<Void>> reindexer;

    /** {@code reindexer} indexes a stored bib by id and completes once it is searchable. */
    public Marc4jCataloguing(LongFunction<CompletionStage<Void>> reindexer) {
        this.reindexer = reindexer;
    }

    @Override
    public BibRecord read(byte[] body, Syntax syntax, String controlNumber) {
        Record record = syntax == Syntax.MARCXML ? xml(body) : iso2709(body);
        if (controlNumber != null) {
            VariableField f001 = record.getVariableField("001");
            if (f001 != null) {
                record.removeVariableField(f001);
            }
            record.addVariableField(MarcFactory.newInstance().newControlField("001", controlNumber));
        }
        try {
            return MarcImporter.toBib(record);
        } catch (RuntimeException e) {
            throw new UnreadableRecordException(PatronImporter.rootMessage(e));
        }
    }

    private static Record iso2709(byte[] body) {
        Iso2709Splitter.Chunk chunk;
        try {
            Iso2709Splitter splitter = new Iso2709Splitter(new ByteArrayInputStream(body), MarcImporter.MAX_RECORD_BYTES);
            chunk = splitter.next();
            if (chunk == null) {
                throw new UnreadableRecordException("the body holds no MARC record");
            }
            if (chunk.problem() != null) {
                throw new UnreadableRecordException("not an ISO 2709 record: " + chunk.problem());
            }
            Iso2709Splitter.Chunk more = splitter.next();
            if (more != null) {
                throw new UnreadableRecordException("the body holds more than one record; send one record per request");
            }
        } catch (IOException e) {
            throw new UnreadableRecordException("the body cannot be read: " + e.getMessage());
        }
        try {
            MarcReader reader = new MarcPermissiveStreamReader(new ByteArrayInputStream(chunk.bytes()), true, true);
            if (!reader.hasNext()) {
                throw new UnreadableRecordException("no record could be read");
            }
            return reader.next();
        } catch (UnreadableRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnreadableRecordException("unreadable ISO 2709 record: " + PatronImporter.rootMessage(e));
        }
    }

    private static Record xml(byte[] body) {
        List<Record> records = new ArrayList<>();
        try {
            MarcReader reader = new MarcXmlReader(new ByteArrayInputStream(body));
            while (reader.hasNext() && records.size() < 2) {
                records.add(reader.next());
            }
        } catch (RuntimeException e) {
            throw new UnreadableRecordException("unreadable MARCXML: " + PatronImporter.rootMessage(e));
        }
        if (records.isEmpty()) {
            throw new UnreadableRecordException("the body holds no MARCXML record");
        }
        if (records.size() > 1) {
            throw new UnreadableRecordException("the body holds more than one record; send one record per request");
        }
        return records.get(0);
    }

    @Override
    public Shown show(BibRecord bib) {
        if (bib.marc().length == 0) {
            return new Shown(null, List.of(), "");
        }
        MarcReader reader = new MarcStreamReader(new ByteArrayInputStream(bib.marc()), "UTF-8");
        return reader.hasNext() ? shown(reader.next()) : new Shown(null, List.of(), "");
    }

    /** A marc4j record as leader, fields and text. */
    public static Shown shown(Record record) {
        List<Field> fields = new ArrayList<>();
        for (ControlField c : record.getControlFields()) {
            fields.add(new Field(c.getTag(), null, null, c.getData(), List.of()));
        }
        for (DataField d : record.getDataFields()) {
            List<org.stackbridge.core.catalogue.MarcCataloguing.Subfield> subs = new ArrayList<>();
            for (org.marc4j.marc.Subfield s : d.getSubfields()) {
                subs.add(new org.stackbridge.core.catalogue.MarcCataloguing.Subfield(String.valueOf(s.getCode()), s.getData()));
            }
            fields.add(new Field(d.getTag(), String.valueOf(d.getIndicator1()), String.valueOf(d.getIndicator2()), null, subs));
        }
        return new Shown(record.getLeader().marshal(), fields, record.toString());
    }

    @Override
    public CompletionStage<Void> reindex(long bibId) {
        return reindexer.apply(bibId);
    }
}
