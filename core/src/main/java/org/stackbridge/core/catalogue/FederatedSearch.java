package org.stackbridge.core.catalogue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Searches the configured remote catalogues at once (the "virtual database"). A target that fails or does not
 * answer in time becomes a {@link TargetDiagnostic}; the stage completes with whatever the others found.
 */
public interface FederatedSearch {

    CompletionStage<Result> search(Query query);

    /**
     * {@code index}: isbn, lccn, title or any, or {@code pqf} when {@code term} is a whole query in YAZ prefix
     * notation (a Z39.50 client's query forwarded as sent); at most {@code maxPerTarget} records are fetched from
     * each target.
     */
    record Query(String index, String term, int maxPerTarget) {
    }

    /** One remote record: UTF-8 ISO 2709 carrying its source in a 970 $a field. */
    record Hit(String target, byte[] marc) {
    }

    record TargetDiagnostic(String target, String message) {
    }

    /** {@code hitsPerTarget}: the count each answering target reported (records holds at most maxPerTarget of them). */
    record Result(Map<String, Integer> hitsPerTarget, List<Hit> records, List<TargetDiagnostic> diagnostics) {
        public int totalHits() {
            return hitsPerTarget.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
