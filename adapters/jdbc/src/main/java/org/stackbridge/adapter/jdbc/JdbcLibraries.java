package org.stackbridge.adapter.jdbc;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.port.Libraries;

final class JdbcLibraries implements Libraries {

    private final Sql sql;
    /** Libraries read in the current unit of work: a checkout looks the same few up five or more times. */
    private final Map<String, Optional<Library>> seen = new HashMap<>();
    /** The storage's libraries across units; null: none (a transaction outside a {@link JdbcStorage}). */
    private final LibraryCache shared;
    /** This unit or batch saved a library: the shared cache is emptied again once it committed. */
    private boolean saved;

    JdbcLibraries(Sql sql) {
        this(sql, null);
    }

    JdbcLibraries(Sql sql, LibraryCache shared) {
        this.sql = sql;
        this.shared = shared;
    }

    /** After a commit or rollback: if a library was saved, readers may have cached the old one meanwhile. */
    void transactionEnded() {
        if (saved && shared != null) {
            shared.clear();
        }
        saved = false;
    }

    /** Forgets what was read; called when a unit of work starts or is rolled back. */
    void forget() {
        seen.clear();
    }

    private record Head(String code, String name, String institution, String zone) {
    }

    /**
     * One round trip for the library and its calendar (the engine looks libraries up several times per
     * command): a row of kind L, then one W row per closed weekday and one D row per closed date.
     */
    @Override
    public Optional<Library> find(String code) {
        Optional<Library> known = seen.get(code);
        if (known != null) {
            return known;
        }
        Optional<Library> found;
        if (shared == null || saved) {
            found = load(code);
        } else {
            found = shared.get(code);
            if (found.isEmpty()) {
                long generation = shared.generation();
                found = load(code);
                found.ifPresent(l -> shared.put(l, generation));
            }
        }
        seen.put(code, found);
        return found;
    }

    private Optional<Library> load(String code) {
        List<Object[]> rows = sql.list("SELECT 'L' AS kind, name, institution, zone, CAST(NULL AS SMALLINT) AS weekday,"
                + " CAST(NULL AS DATE) AS closed_on FROM library WHERE code = ?"
                + " UNION ALL SELECT 'W', NULL, NULL, NULL, weekday, NULL FROM library_closed_weekday WHERE library_code = ?"
                + " UNION ALL SELECT 'D', NULL, NULL, NULL, NULL, closed_on FROM library_closed_date WHERE library_code = ?",
                rs -> new Object[] {rs.getString("kind"), rs.getString("name"), rs.getString("institution"), rs.getString("zone"),
                        rs.getInt("weekday"), Sql.date(rs, "closed_on")},
                code, code, code);
        Head head = null;
        List<Integer> weekdays = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (Object[] r : rows) {
            switch ((String) r[0]) {
                case "L" -> head = new Head(code, (String) r[1], (String) r[2], (String) r[3]);
                case "W" -> weekdays.add((Integer) r[4]);
                default -> dates.add((LocalDate) r[5]);
            }
        }
        return head == null ? Optional.empty() : Optional.of(assemble(head, weekdays, dates));
    }

    @Override
    public List<Library> all() {
        // sorted in Java: database collations order codes differently
        List<Head> heads = sql.list("SELECT code, name, institution, zone FROM library", JdbcLibraries::head);
        Map<String, List<Integer>> weekdays = new HashMap<>();
        sql.list("SELECT library_code, weekday FROM library_closed_weekday", rs -> new Object[] {rs.getString(1), rs.getInt(2)})
                .forEach(r -> weekdays.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((Integer) r[1]));
        Map<String, List<LocalDate>> dates = new HashMap<>();
        sql.list("SELECT library_code, closed_on FROM library_closed_date", rs -> new Object[] {rs.getString(1), Sql.date(rs, "closed_on")})
                .forEach(r -> dates.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((LocalDate) r[1]));
        return heads.stream().sorted(java.util.Comparator.comparing(Head::code))
                .map(h -> assemble(h, weekdays.getOrDefault(h.code, List.of()), dates.getOrDefault(h.code, List.of()))).toList();
    }

    @Override
    public void save(Library library) {
        seen.clear();
        saved = true;
        if (shared != null) {
            shared.clear();
        }
        int n = sql.update("UPDATE library SET name = ?, institution = ?, zone = ? WHERE code = ?",
                library.name(), library.institution(), library.zone().getId(), library.code());
        if (n == 0) {
            sql.update("INSERT INTO library (code, name, institution, zone) VALUES (?, ?, ?, ?)",
                    library.code(), library.name(), library.institution(), library.zone().getId());
        } else {
            sql.update("DELETE FROM library_closed_weekday WHERE library_code = ?", library.code());
            sql.update("DELETE FROM library_closed_date WHERE library_code = ?", library.code());
        }
        List<Object[]> days = new ArrayList<>();
        for (DayOfWeek d : library.closedWeekdays()) {
            days.add(new Object[] {library.code(), d.getValue()});
        }
        sql.batch("INSERT INTO library_closed_weekday (library_code, weekday) VALUES (?, ?)", days);
        List<Object[]> closed = new ArrayList<>();
        for (LocalDate d : library.closedDates()) {
            closed.add(new Object[] {library.code(), d});
        }
        sql.batch("INSERT INTO library_closed_date (library_code, closed_on) VALUES (?, ?)", closed);
    }

    private static Head head(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Head(rs.getString("code"), rs.getString("name"), rs.getString("institution"), rs.getString("zone"));
    }

    private static Library assemble(Head h, List<Integer> weekdays, List<LocalDate> dates) {
        Set<DayOfWeek> days = new HashSet<>();
        weekdays.forEach(d -> days.add(DayOfWeek.of(d)));
        return new Library(h.code, h.name, h.institution, ZoneId.of(h.zone), days, new HashSet<>(dates));
    }
}
