package org.stackbridge.core.catalogue;

import java.util.Arrays;
import java.util.Objects;

/** A type-1 (RPN) query tree over the catalogue. */
public sealed interface CatalogueQuery {

    /** One term with its Bib-1 attributes. */
    record Term(Attributes attributes, String text) implements CatalogueQuery {
        public Term {
            Objects.requireNonNull(attributes, "attributes");
            Objects.requireNonNull(text, "text");
        }
    }

    record And(CatalogueQuery left, CatalogueQuery right) implements CatalogueQuery {
    }

    record Or(CatalogueQuery left, CatalogueQuery right) implements CatalogueQuery {
    }

    /** {@code left} and not {@code right}. */
    record AndNot(CatalogueQuery left, CatalogueQuery right) implements CatalogueQuery {
    }

    /**
     * {@code left} and {@code right} near each other (Z39.50 ProximityOperator). A record matches when some occurrence
     * of {@code right} stands at a distance from an occurrence of {@code left} that satisfies {@code relation}
     * {@code distance}, counted in {@code unit}s; {@code ordered} requires {@code right} after {@code left} (otherwise
     * the distance is taken either way); {@code exclusion} inverts the test per pair of occurrences. Only
     * {@link #UNIT_WORD} is supported by the index; other units are Bib-1 diagnostic 132.
     */
    record Prox(CatalogueQuery left, CatalogueQuery right, boolean exclusion, int distance, boolean ordered, int relation, int unit)
            implements CatalogueQuery {
        /** Relation codes (Z39.50 ProximityOperator.relationType). */
        public static final int LESS_THAN = 1, LESS_THAN_OR_EQUAL = 2, EQUAL = 3, GREATER_THAN_OR_EQUAL = 4, GREATER_THAN = 5,
                NOT_EQUAL = 6;
        /** Known proximity unit codes (Z39.50 KnownProximityUnit): 1 character, 2 word, 3 sentence, 4 paragraph, 8 element ... */
        public static final int UNIT_CHARACTER = 1, UNIT_WORD = 2;

        public Prox {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        /** Whether a distance (right position minus left position, made absolute when unordered) satisfies the relation. */
        public boolean accepts(int diff) {
            if (diff < 0) {
                return false;
            }
            return switch (relation) {
                case LESS_THAN -> diff < distance;
                case LESS_THAN_OR_EQUAL -> diff <= distance;
                case EQUAL -> diff == distance;
                case GREATER_THAN_OR_EQUAL -> diff >= distance;
                case GREATER_THAN -> diff > distance;
                case NOT_EQUAL -> diff != distance;
                default -> false;
            };
        }
    }

    /** A previous result (a named result set resolved by the caller) as an operand. */
    record BibIds(long[] ids) implements CatalogueQuery {
        public BibIds {
            ids = ids.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BibIds b && Arrays.equals(b.ids, ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return "BibIds[" + ids.length + "]";
        }
    }
}
