package org.stackbridge.z3950.handler;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.stackbridge.core.catalogue.CatalogueIndex;
import org.stackbridge.core.catalogue.CatalogueRecord;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.Z3950Pdu.External;
import org.stackbridge.z3950.record.Holding;
import org.stackbridge.z3950.record.MarcRecord;
import org.stackbridge.z3950.record.OpacRecords;
import org.stackbridge.z3950.record.RecordFormats;
import org.stackbridge.z3950.record.RecordSpec;

/**
 * The catalogue as the listeners use it: index calls run on the worker executor (never on an event loop),
 * live holdings come from the circulation engine through {@link CirculationPort}.
 */
public final class CatalogueAccess {

    /** A record ready for conversion, or {@code missing} when the bib left the index. */
    public record Fetched(long bibId, CatalogueRecord record, List<Holding> holdings) {
        public boolean missing() {
            return record == null;
        }
    }

    private final CatalogueIndex index;
    private final CirculationPort circulation;
    private final Executor executor;
    private final ZoneId zone;
    private final RequestContext context;

    public CatalogueAccess(CatalogueIndex index, CirculationPort circulation, Executor executor, ZoneId zone, String institution) {
        this.index = index;
        this.circulation = circulation;
        this.executor = executor;
        this.zone = zone;
        this.context = RequestContext.of(Channel.Z3950, "z3950", institution);
    }

    public CatalogueIndex index() {
        return index;
    }

    public <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    /** Records of the ids, with live holdings when the spec needs them. */
    public CompletionStage<List<Fetched>> fetch(long[] ids, RecordSpec spec) {
        return async(() -> {
            List<Fetched> out = new ArrayList<>(ids.length);
            for (long id : ids) {
                Optional<CatalogueRecord> r = spec.kind() == RecordSpec.Kind.USMARC_MARC8
                        ? index.recordMarc8(id).map(b -> new CatalogueRecord(id, "", b)) : index.record(id);
                out.add(new Fetched(id, r.orElse(null), List.of()));
            }
            return out;
        }).thenCompose(list -> spec.needsHoldings() ? withHoldings(list) : CompletableFuture.completedFuture(list));
    }

    /**
     * Records of remote targets (virtual database) ready for conversion; their holdings are what the target's 852
     * fields say. MARC-8 output is not offered for them (missing).
     */
    public static List<Fetched> remote(List<FederatedSearch.Hit> hits, RecordSpec spec) {
        List<Fetched> out = new ArrayList<>(hits.size());
        for (FederatedSearch.Hit h : hits) {
            if (spec.kind() == RecordSpec.Kind.USMARC_MARC8) {
                out.add(new Fetched(0, null, List.of()));
                continue;
            }
            List<Holding> holdings = spec.needsHoldings() ? OpacRecords.from852(MarcRecord.parse(h.marc())) : List.of();
            out.add(new Fetched(0, new CatalogueRecord(0, "", h.marc()), holdings));
        }
        return out;
    }

    private CompletionStage<List<Fetched>> withHoldings(List<Fetched> list) {
        List<CompletableFuture<Fetched>> parts = new ArrayList<>();
        for (Fetched f : list) {
            if (f.missing()) {
                parts.add(CompletableFuture.completedFuture(f));
                continue;
            }
            parts.add(circulation.execute(new Commands.ListBibItems(context, f.bibId())).toCompletableFuture()
                    .handle((outcome, err) -> {
                        List<Holding> h;
                        if (err == null && outcome instanceof Outcome.Success<Views.BibItems> s && !s.value().items().isEmpty()) {
                            h = OpacRecords.fromItems(s.value().items(), zone);
                        } else {
                            h = OpacRecords.from852(MarcRecord.parse(f.record().marcUnsafe()));
                        }
                        return new Fetched(f.bibId(), f.record(), h);
                    }));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture[0]))
                .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
    }

    /** The Z39.50 EXTERNAL of a fetched record. */
    public static External external(Fetched f, RecordSpec spec) {
        byte[] marc = f.record().marcUnsafe();
        return switch (spec.kind()) {
            case USMARC_FULL, USMARC_MARC8 -> External.octets(Oids.USMARC, marc);
            case USMARC_BRIEF -> External.octets(Oids.USMARC, MarcRecord.parse(marc).brief().toIso2709());
            case MARCXML_FULL -> External.octets(spec.syntaxOid(), RecordFormats.marcXmlBytes(MarcRecord.parse(marc)));
            case MARCXML_BRIEF -> External.octets(spec.syntaxOid(), RecordFormats.marcXmlBytes(MarcRecord.parse(marc).brief()));
            case DUBLIN_CORE -> External.octets(spec.syntaxOid(), RecordFormats.dublinCore(MarcRecord.parse(marc)).getBytes(StandardCharsets.UTF_8));
            case OPAC_XML -> External.octets(spec.syntaxOid(), OpacRecords.xml(MarcRecord.parse(marc), f.holdings()).getBytes(StandardCharsets.UTF_8));
            case SUTRS_FULL -> External.single(Oids.SUTRS, sutrs(RecordFormats.sutrs(MarcRecord.parse(marc))));
            case SUTRS_BRIEF -> External.single(Oids.SUTRS, sutrs(RecordFormats.sutrs(MarcRecord.parse(marc).brief())));
            case OPAC -> External.single(Oids.OPAC, OpacRecords.ber(marc, f.holdings()));
        };
    }

    private static byte[] sutrs(String text) {
        return org.stackbridge.z3950.ber.BerNode.primitive(org.stackbridge.z3950.ber.BerNode.UNIVERSAL, 27,
                text.getBytes(StandardCharsets.UTF_8)).encode();
    }
}
