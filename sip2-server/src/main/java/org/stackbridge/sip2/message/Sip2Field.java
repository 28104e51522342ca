package org.stackbridge.sip2.message;

import java.util.Objects;
import org.stackbridge.sip2.spec.FieldCode;

/** One variable field occurrence: its code and value (possibly empty). */
public record Sip2Field(FieldCode code, String value) {

    public Sip2Field {
        Objects.requireNonNull(code, "code");
        value = value == null ? "" : value;
    }

    @Override
    public String toString() {
        return code.isSecret() ? code + "***" : code + value;
    }
}
