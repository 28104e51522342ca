package org.stackbridge.staff.resource;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Predicate;

/**
 * One page of a list, as Koha's REST API pages: {@code _page} (from 1) and {@code _per_page} (default 20, at most
 * 1000); the answer is the page as a JSON array with the total in {@code X-Total-Count}.
 */
final class ListPage {

    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 1000;

    private ListPage() {
    }

    static <T> Response of(List<T> all, Predicate<T> filter, Integer page, Integer perPage) {
        Fields f = new Fields();
        int p = page == null ? 1 : page;
        int per = perPage == null ? DEFAULT_PER_PAGE : perPage;
        if (p < 1) {
            f.error("_page", "must be at least 1");
        }
        if (per < 1 || per > MAX_PER_PAGE) {
            f.error("_per_page", "must be 1-" + MAX_PER_PAGE);
        }
        f.check();
        List<T> matching = all.stream().filter(filter).toList();
        int from = (int) Math.min((long) (p - 1) * per, matching.size());
        int to = Math.min(from + per, matching.size());
        return Response.ok(matching.subList(from, to)).header("X-Total-Count", matching.size()).build();
    }

    /** A filter on a query parameter: absent matches everything. */
    static boolean matches(String wanted, String value) {
        return wanted == null || wanted.isBlank() || wanted.equals(value);
    }
}
