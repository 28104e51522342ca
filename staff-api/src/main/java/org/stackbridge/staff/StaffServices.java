package org.stackbridge.staff;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private StaffServices(StaffAdministration admin, ReportCatalogue reports, SecretHasher pinHasher, IllPartners illPartners) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.pinHasher = Objects.requireNonNull(pinHasher, "pinHasher");
        this.illPartners = Objects.requireNonNull(illPartners, "illPartners");
    }

    /** No SIP2 profiles, no live terminal status, standard PIN hashing, the default report range. */
    public static StaffServices defaults(TransactionRunner storage, Clock clock) {
        return new StaffServices(new StaffAdministration(SecretHasher.standard(), Map.of(), List::of),
                new ReportCatalogue(storage, clock, DEFAULT_REPORT_RANGE_DAYS), SecretHasher.standard(), IllPartners.none());
    }

    public StaffServices withAdmin(StaffAdministration a) {
        return new StaffServices(a, reports, pinHasher, illPartners);
    }

    public StaffServices withReports(ReportCatalogue r) {
        return new StaffServices(admin, r, pinHasher, illPartners);
    }

    /** The hasher of PINs staff set (run on the API's worker threads, never in a storage transaction). */
    public StaffServices withPinHasher(SecretHasher h) {
        return new StaffServices(admin, reports, h, illPartners);
    }

    /** The NCIP partner agencies a staff borrowing request may go to. */
    public StaffServices withIllPartners(IllPartners p) {
        return new StaffServices(admin, reports, pinHasher, p);
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
}
