package org.stackbridge.staff.console.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.stackbridge.core.catalogue.CopyCatalogue;
import org.stackbridge.core.catalogue.MarcCataloguing;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.RecordVerification;

/** The models of the items, catalogue and copy-cataloguing pages: one record per template. */
public final class CataloguePageModels {

    /** The statuses the item page offers to set by hand (the engine's item status policies decide each). */
    public static final List<ItemStatus> SETTABLE = List.of(ItemStatus.DAMAGED, ItemStatus.MISSING, ItemStatus.LOST, ItemStatus.WITHDRAWN,
            ItemStatus.AVAILABLE);

    private CataloguePageModels() {
    }

    /** An item looked up by barcode (or none yet), with what the last change did. */
    public record ItemPage(Chrome chrome, String requestKey, String query, Views.ItemInfo item, Notice notice) {
        public boolean mayChangeStatus() {
            return chrome.may(StaffPermission.ITEM_STATUS);
        }

        public boolean onLoan() {
            return item != null && item.borrowerBarcode() != null && item.status() != ItemStatus.CLAIMS_RETURNED;
        }

        public List<ItemStatus> settable() {
            return SETTABLE;
        }
    }

    /** A catalogue search: the records of one page of hits, with their items. */
    public record CatalogueSearchPage(Chrome chrome, String query, List<CatalogueViews.BibDetail> hits, int total, int page, int perPage,
                                      Notice notice) {
        public boolean searched() {
            return !query.isEmpty() && notice == null;
        }

        public boolean more() {
            return (long) page * perPage < total;
        }

        public int first() {
            return total == 0 ? 0 : (page - 1) * perPage + 1;
        }

        public int last() {
            return Math.min(total, page * perPage);
        }

        /** How many of the record's items are available on the shelf. */
        public static long available(CatalogueViews.BibDetail d) {
            return d.items().stream().filter(i -> i.status() == ItemStatus.AVAILABLE).count();
        }
    }

    /** What the add-item form holds (kept when the engine refuses it, so nothing typed is lost). */
    public record ItemForm(String barcode, String library, String itemType, String location, String callNumber, String price) {
        public static ItemForm empty(String library) {
            return new ItemForm("", library == null ? "" : library, "BOOK", "", "", "");
        }
    }

    /** A record with its items and, for cataloguers, the add-item form. */
    public record RecordPage(Chrome chrome, String requestKey, CatalogueViews.BibDetail record, ItemForm form, Notice notice) {
        public boolean mayAddItems() {
            return chrome.may(StaffPermission.CATALOGUING);
        }
    }

    /** The copy-cataloguing search form and a target's hits. */
    public record CopySearchPage(Chrome chrome, List<String> targets, String target, String isbn, String title, String author,
                                 CopyCatalogue.Hits hits, Notice notice) {
    }

    /** One hit in full, with the import form. */
    public record CopyHitPage(Chrome chrome, String requestKey, CopyCatalogue.Fetched fetched) {
    }

    /** Two hits side by side: the description and every MARC field, rows that differ marked. */
    public record CopyComparePage(Chrome chrome, String requestKey, CopyCatalogue.Fetched left, CopyCatalogue.Fetched right,
                                  List<CompareRow> rows) {
    }

    public record CompareRow(String label, String left, String right) {
        public boolean differs() {
            return !left.equals(right);
        }
    }

    /**
     * The answer to an import: the record added (or, when refused, none) and its verification report; a refusal for
     * duplicates only may be repeated allowing them.
     */
    public record ImportPage(Chrome chrome, String requestKey, CopyCatalogue.Hit source, CatalogueViews.BibDetail record,
                             List<CheckLine> checks, RecordVerification.Report report, ItemForm form, Notice notice) {
        public boolean imported() {
            return record != null;
        }

        /** Refused only for duplicates: the cataloguer may import it all the same. */
        public boolean mayAllowDuplicates() {
            return record == null && report != null && report.errors().isEmpty() && !report.duplicates().isEmpty();
        }
    }

    /** One check of the verification report: passed, or what it found. */
    public record CheckLine(String check, boolean passed, List<String> findings) {
    }

    /** The report as one line per check that ran, in order, with the errors and duplicates it found. */
    public static List<CheckLine> checks(RecordVerification.Report report) {
        if (report == null) {
            return List.of();
        }
        List<CheckLine> lines = new ArrayList<>();
        for (String check : report.checks()) {
            List<String> found = new ArrayList<>();
            report.errors().stream().filter(e -> e.check().equals(check)).forEach(e -> found.add(e.field() + ": " + e.detail()));
            report.duplicates().stream().filter(d -> check.equals("duplicate-" + d.identifier().toLowerCase(Locale.ROOT)))
                    .forEach(d -> found.add(d.identifier() + " " + d.value() + " is already record " + d.controlNumber() + " (" + d.title() + ")"));
            lines.add(new CheckLine(check, found.isEmpty(), found));
        }
        return lines;
    }

    /** The rows comparing two hits: their descriptions, then each MARC tag either holds. */
    public static List<CompareRow> compare(CopyCatalogue.Fetched a, CopyCatalogue.Fetched b) {
        List<CompareRow> rows = new ArrayList<>();
        rows.add(new CompareRow("Title", Fmt.orDash(a.hit().title()), Fmt.orDash(b.hit().title())));
        rows.add(new CompareRow("Author", Fmt.orDash(a.hit().author()), Fmt.orDash(b.hit().author())));
        rows.add(new CompareRow("Publisher", Fmt.orDash(a.hit().publisher()), Fmt.orDash(b.hit().publisher())));
        rows.add(new CompareRow("Date", Fmt.orDash(a.hit().date()), Fmt.orDash(b.hit().date())));
        rows.add(new CompareRow("Edition", Fmt.orDash(a.hit().edition()), Fmt.orDash(b.hit().edition())));
        rows.add(new CompareRow("Identifiers", identifiers(a.hit().identifiers()), identifiers(b.hit().identifiers())));
        rows.add(new CompareRow("Leader", a.marc().leader(), b.marc().leader()));
        Map<String, List<String>> left = byTag(a.marc());
        Map<String, List<String>> right = byTag(b.marc());
        java.util.TreeSet<String> tags = new java.util.TreeSet<>(left.keySet());
        tags.addAll(right.keySet());
        for (String tag : tags) {
            rows.add(new CompareRow(tag, String.join("\n", left.getOrDefault(tag, List.of("—"))),
                    String.join("\n", right.getOrDefault(tag, List.of("—")))));
        }
        return rows;
    }

    public static String identifiers(List<BibIdentifier> ids) {
        return ids.isEmpty() ? "—" : ids.stream().map(i -> i.type().name() + " " + i.value()).collect(Collectors.joining(", "));
    }

    /** A field as cataloguers read it: control data as it is; indicators, then {@code $a value} per subfield. */
    public static String field(MarcCataloguing.Field f) {
        if (f.subfields().isEmpty()) {
            return f.data() == null ? "" : f.data();
        }
        String ind = (f.indicator1() == null || f.indicator1().isBlank() ? "#" : f.indicator1())
                + (f.indicator2() == null || f.indicator2().isBlank() ? "#" : f.indicator2());
        return ind + " " + f.subfields().stream().map(s -> "$" + s.code() + " " + s.value()).collect(Collectors.joining(" "));
    }

    private static Map<String, List<String>> byTag(MarcCataloguing.Shown shown) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (MarcCataloguing.Field f : shown.fields()) {
            out.computeIfAbsent(f.tag(), t -> new ArrayList<>()).add(field(f));
        }
        return out;
    }
}
