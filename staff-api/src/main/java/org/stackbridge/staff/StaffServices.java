package org.stackbridge.staff;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stackbridge.core.catalogue.CopyCatalogue;
import org.stackbridge.core.catalogue.MarcCataloguing;
import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.report.ReportCatalogue;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.staff.resource.IllPartners;

/**
 * What the staff API's resources need beyond the engine: administration extras, the report catalogue, the PIN
 * hasher and the ILL partners. The gateway passes its own; {@link #defaults} gives an endpoint without the gateway's extras (tests of the
 * desk calls). Each {@code with} returns a copy, so adding a collaborator does not change every constructor.
 */
public final class StaffServices {

    /** Default of the gateway's {@code reports.max-range-days}. */
    public static final int DEFAULT_REPORT_RANGE_DAYS = 731;

    private final StaffAdministration admin;
    private final ReportCatalogue reports;
    private final SecretHasher pinHasher;
    private final IllPartners illPartners;
    private final MarcCataloguing cataloguing;
    private final CopyCatalogue copyCatalogue;
    /** Null: this endpoint has no import jobs (answered 503 by the imports resource). */
    private final ImportJobs importJobs;
    /** Null: this endpoint has no notices job (answered 503 by the notices resource). */
    private org.stackbridge.core.port.NoticeRuns notices;
    /** Null: this endpoint cannot reload a configuration (answered 503). */
    private org.stackbridge.core.port.ConfigurationReload configurationReload;
    private org.stackbridge.core.port.AgencyTraces agencyTraces = org.stackbridge.core.port.AgencyTraces.none();

    private StaffServices(StaffAdministration admin, ReportCatalogue reports, SecretHasher pinHasher, IllPartners illPartners,
                          MarcCataloguing cataloguing, CopyCatalogue copyCatalogue, ImportJobs importJobs) {
        this.importJobs = importJobs;
        this.cataloguing = Objects.requireNonNull(cataloguing, "cataloguing");
        this.copyCatalogue = Objects.requireNonNull(copyCatalogue, "copyCatalogue");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.pinHasher = Objects.requireNonNull(pinHasher, "pinHasher");
        this.illPartners = Objects.requireNonNull(illPartners, "illPartners");
    }

    /** No SIP2 profiles, no live terminal status, standard PIN hashing, the default report range. */
    public static StaffServices defaults(TransactionRunner storage, Clock clock) {
        return new StaffServices(new StaffAdministration(SecretHasher.standard(), Map.of(), List::of),
                new ReportCatalogue(storage, clock, DEFAULT_REPORT_RANGE_DAYS), SecretHasher.standard(), IllPartners.none(),
                NoCataloguing.INSTANCE, NoCataloguing.NO_TARGETS, null);
    }

    public StaffServices withAdmin(StaffAdministration a) {
        return new StaffServices(a, reports, pinHasher, illPartners, cataloguing, copyCatalogue, importJobs).keep(notices, configurationReload, agencyTraces);
    }

    public StaffServices withReports(ReportCatalogue r) {
        return new StaffServices(admin, r, pinHasher, illPartners, cataloguing, copyCatalogue, importJobs).keep(notices, configurationReload, agencyTraces);
    }

    /** The hasher of PINs staff set (run on the API's worker threads, never in a storage transaction). */
    public StaffServices withPinHasher(SecretHasher h) {
        return new StaffServices(admin, reports, h, illPartners, cataloguing, copyCatalogue, importJobs).keep(notices, configurationReload, agencyTraces);
    }

    /** The NCIP partner agencies a staff borrowing request may go to. */
    public StaffServices withIllPartners(IllPartners p) {
        return new StaffServices(admin, reports, pinHasher, p, cataloguing, copyCatalogue, importJobs).keep(notices, configurationReload, agencyTraces);
    }

    /** MARC reading and re-indexing for the records resource, and the remote targets of copy cataloguing. */
    public StaffServices withCataloguing(MarcCataloguing m, CopyCatalogue c) {
        return new StaffServices(admin, reports, pinHasher, illPartners, m, c, importJobs).keep(notices, configurationReload, agencyTraces);
    }

    /** The import jobs behind {@code /api/v1/imports}. */
    public StaffServices withImportJobs(ImportJobs jobs) {
        return new StaffServices(admin, reports, pinHasher, illPartners, cataloguing, copyCatalogue, jobs).keep(notices, configurationReload, agencyTraces);
    }

    /** The notices job behind {@code /api/v1/notices}. */
    public StaffServices withNotices(org.stackbridge.core.port.NoticeRuns n) {
        return new StaffServices(admin, reports, pinHasher, illPartners, cataloguing, copyCatalogue, importJobs).keep(n, configurationReload, agencyTraces);
    }

    private StaffServices keep(org.stackbridge.core.port.NoticeRuns n, org.stackbridge.core.port.ConfigurationReload r,
                               org.stackbridge.core.port.AgencyTraces t) {
        this.notices = n;
        this.configurationReload = r;
        this.agencyTraces = java.util.Objects.requireNonNull(t, "agencyTraces");
        return this;
    }

    /** The NCIP listener's per-agency trace switches behind {@code /api/v1/traces/ncip}. */
    public StaffServices withAgencyTraces(org.stackbridge.core.port.AgencyTraces t) {
        return new StaffServices(admin, reports, pinHasher, illPartners, cataloguing, copyCatalogue, importJobs).keep(notices, configurationReload, t);
    }

    /** The NCIP trace switches ({@link org.stackbridge.core.port.AgencyTraces#none()} when no NCIP listener runs here). */
    public org.stackbridge.core.port.AgencyTraces agencyTraces() {
        return agencyTraces;
    }

    /** The configuration reload behind {@code POST /api/v1/admin/reload}. */
    public StaffServices withConfigurationReload(org.stackbridge.core.port.ConfigurationReload r) {
        return new StaffServices(admin, reports, pinHasher, illPartners, cataloguing, copyCatalogue, importJobs).keep(notices, r, agencyTraces);
    }

    /** The configuration reload, or null when this endpoint has none. */
    public org.stackbridge.core.port.ConfigurationReload configurationReload() {
        return configurationReload;
    }

    /** The notices job, or null when this endpoint has none. */
    public org.stackbridge.core.port.NoticeRuns notices() {
        return notices;
    }

    /** The import jobs, or null when this endpoint has none. */
    public ImportJobs importJobs() {
        return importJobs;
    }

    public MarcCataloguing cataloguing() {
        return cataloguing;
    }

    public CopyCatalogue copyCatalogue() {
        return copyCatalogue;
    }

    public IllPartners illPartners() {
        return illPartners;
    }

    public StaffAdministration admin() {
        return admin;
    }

    public ReportCatalogue reports() {
        return reports;
    }

    public SecretHasher pinHasher() {
        return pinHasher;
    }

    /** Without the gateway: records cannot be read from MARC and no copy-cataloguing target is configured. */
    private static final class NoCataloguing implements MarcCataloguing {
        static final NoCataloguing INSTANCE = new NoCataloguing();
        static final CopyCatalogue NO_TARGETS = new CopyCatalogue() {
            @Override
            public List<Target> targets() {
                return List.of();
            }

            @Override
            public java.util.concurrent.CompletionStage<Hits> search(String target, Query query) {
                return java.util.concurrent.CompletableFuture.failedFuture(new TargetException("no copy-cataloguing targets", null));
            }

            @Override
            public java.util.Optional<Fetched> fetched(String ref) {
                return java.util.Optional.empty();
            }
        };

        @Override
        public org.stackbridge.core.model.BibRecord read(byte[] body, Syntax syntax, String controlNumber) {
            throw new UnreadableRecordException("MARC cataloguing is not available in this endpoint");
        }

        @Override
        public Shown show(org.stackbridge.core.model.BibRecord bib) {
            return new Shown("", List.of(), "");
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> reindex(long bibId) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }
}
