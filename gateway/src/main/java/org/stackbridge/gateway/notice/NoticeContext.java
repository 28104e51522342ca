package org.stackbridge.gateway.notice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a template may name. Every notice carries every key (empty where it does not apply), so a template
 * that renders with {@link #sample()} at start renders for every notice: {@code patron.name|barcode|email|address},
 * {@code library.code|name|address|opening_hours}, {@code items} (each {@code title}, {@code barcode},
 * {@code due_date}, {@code fine}), {@code hold.pickup_library|last_shelf_day}, {@code fee.type|amount|description},
 * {@code card.expires}, {@code notice.type|date}.
 */
final class NoticeContext {

    private final Map<String, Object> root = new LinkedHashMap<>();

    NoticeContext(String noticeType, String date) {
        root.put("patron", map("name", "", "barcode", "", "email", "", "address", ""));
        root.put("library", map("code", "", "name", "", "address", "", "opening_hours", ""));
        root.put("items", List.of());
        root.put("hold", map("pickup_library", "", "last_shelf_day", ""));
        root.put("fee", map("type", "", "amount", "", "description", ""));
        root.put("card", map("expires", ""));
        root.put("notice", map("type", noticeType, "date", date));
    }

    NoticeContext patron(String name, String barcode, String email, String address) {
        root.put("patron", map("name", name, "barcode", barcode, "email", email, "address", address));
        return this;
    }

    NoticeContext library(String code, String name, String address, String hours) {
        root.put("library", map("code", code, "name", name, "address", address, "opening_hours", hours));
        return this;
    }

    NoticeContext item(String title, String barcode, String dueDate, String fine) {
        root.put("items", List.of(map("title", title, "barcode", barcode, "due_date", dueDate, "fine", fine)));
        return this;
    }

    NoticeContext hold(String pickupLibrary, String lastShelfDay) {
        root.put("hold", map("pickup_library", pickupLibrary, "last_shelf_day", lastShelfDay));
        return this;
    }

    NoticeContext fee(String type, String amount, String description) {
        root.put("fee", map("type", type, "amount", amount, "description", description));
        return this;
    }

    NoticeContext card(String expires) {
        root.put("card", map("expires", expires));
        return this;
    }

    Map<String, Object> values() {
        return root;
    }

    /** A notice with every key set, for checking templates at start. */
    static Map<String, Object> sample() {
        return new NoticeContext("overdue-1", "2026-01-01").patron("Sample Patron", "P1", "p@example.org", "1 Main St")
                .library("MAIN", "Main Library", "1 Library Sq", "Mo-Fr 9-18").item("A Title", "I1", "2026-01-01", "0.00 USD")
                .hold("MAIN", "2026-01-08").fee("OVERDUE", "1.00 USD", "fine").card("2026-12-31").values();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1] == null ? "" : kv[i + 1]);
        }
        return m;
    }
}
