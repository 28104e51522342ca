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
