package org.stackbridge.sip2.message;

import io.netty.handler.codec.DecoderResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;
import org.stackbridge.sip2.spec.MessageSpec;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * A decoded or to-be-encoded SIP2 message, lossless: the fixed values in spec order and the variable fields as
 * an ordered list (repeats and unknown codes kept). {@code sequence} is the AY digit, or null without error
 * detection. A decoded message carries a {@link DecoderResult}; a failure explains why it cannot be acted on.
 */
public final class Sip2Message {

    private final Sip2MessageType type;
    private final String code;
    private final Map<FixedField, String> fixed;
    private final List<Sip2Field> fields;
    private final Character sequence;
    private final boolean checksummed;
    private final DecoderResult result;

    private Sip2Message(Sip2MessageType type, String code, Map<FixedField, String> fixed, List<Sip2Field> fields,
                        Character sequence, boolean checksummed, DecoderResult result) {
        this.type = type;
        this.code = code;
        this.fixed = fixed;
        this.fields = List.copyOf(fields);
        this.sequence = sequence;
        this.checksummed = checksummed;
        this.result = result;
    }

    public static Builder builder(Sip2MessageType type) {
        return new Builder(type);
    }

    /** A value for input that could not be decoded; {@code code} is what the frame started with, if anything. */
    public static Sip2Message invalid(Sip2MessageType type, String code, Character sequence, boolean checksummed, Throwable cause) {
        return new Sip2Message(type, code, new EnumMap<>(FixedField.class), List.of(), sequence, checksummed, DecoderResult.failure(cause));
    }

    /** Null when the code is not a SIP2 message. */
    public Sip2MessageType type() {
        return type;
    }

    /** The two-character command code as received (also for unknown messages). */
    public String code() {
        return code;
    }

    public DecoderResult decoderResult() {
        return result;
    }

    public Character sequence() {
        return sequence;
    }

    /** Whether the message carried (or is to carry) AY/AZ error detection. */
    public boolean checksummed() {
        return checksummed;
    }

    public String fixed(FixedField f) {
        return fixed.get(f);
    }

    /** Fixed values in spec order. */
    public List<String> fixedValues() {
        List<String> out = new ArrayList<>();
        if (type != null) {
            for (FixedField f : type.spec().fixed()) {
                String v = fixed.get(f);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    public List<Sip2Field> fields() {
        return fields;
    }

    /** The first value of a field, or null when absent. */
    public String field(FieldCode c) {
        for (Sip2Field f : fields) {
            if (f.code().equals(c)) {
                return f.value();
            }
        }
        return null;
    }

    /** The first value trimmed, or null when absent or blank. */
    public String trimmed(FieldCode c) {
        String v = field(c);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    public boolean has(FieldCode c) {
        return field(c) != null;
    }

    public List<String> all(FieldCode c) {
        List<String> out = new ArrayList<>();
        for (Sip2Field f : fields) {
            if (f.code().equals(c)) {
                out.add(f.value());
            }
        }
        return out;
    }

    public Sip2Message withSequence(Character seq, boolean withChecksum) {
        return new Sip2Message(type, code, fixed, fields, seq, withChecksum, result);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sip2Message m && Objects.equals(type, m.type) && Objects.equals(code, m.code)
                && fixed.equals(m.fixed) && fields.equals(m.fields) && Objects.equals(sequence, m.sequence)
                && checksummed == m.checksummed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, code, fixed, fields, sequence);
    }

    /** Log-safe rendering: passwords (AC, AD, CO) are masked. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(code == null ? "??" : code);
        for (String v : fixedValues()) {
            b.append(v);
        }
        for (Sip2Field f : fields) {
            b.append(f).append('|');
        }
        if (sequence != null) {
            b.append("AY").append(sequence);
        }
        if (result != null && result.isFailure()) {
            b.append(" [invalid: ").append(result.cause().getMessage()).append(']');
        }
        return b.toString();
    }

    /** Builds a message; every fixed field of the spec must be set. */
    public static final class Builder {
        private final Sip2MessageType type;
        private final MessageSpec spec;
        private final Map<FixedField, String> fixed = new EnumMap<>(FixedField.class);
        private final List<Sip2Field> fields = new ArrayList<>();
        private Character sequence;
        private boolean checksummed;

        private Builder(Sip2MessageType type) {
            this.type = Objects.requireNonNull(type, "type");
            this.spec = type.spec();
        }

        public Builder fixed(FixedField f, String value) {
            if (!spec.fixed().contains(f)) {
                throw new IllegalArgumentException(f + " is not a fixed field of " + type);
            }
            if (value == null || value.length() != f.length()) {
                throw new IllegalArgumentException(f + " needs " + f.length() + " characters: '" + value + "'");
            }
            fixed.put(f, value);
            return this;
        }

        public Builder yn(FixedField f, boolean yes) {
            return fixed(f, yes ? "Y" : "N");
        }

        public Builder ok(FixedField f, boolean ok) {
            return fixed(f, ok ? "1" : "0");
        }

        /** Adds a field occurrence; null values are skipped (never emit null entries). */
        public Builder field(FieldCode c, String value) {
            if (value != null) {
                fields.add(new Sip2Field(c, value));
            }
            return this;
        }

        public Builder fields(FieldCode c, List<String> values) {
            for (String v : values) {
                field(c, v);
            }
            return this;
        }

        public Builder add(Sip2Field f) {
            fields.add(f);
            return this;
        }

        public Builder sequence(Character seq, boolean withChecksum) {
            this.sequence = seq;
            this.checksummed = withChecksum;
            return this;
        }

        public Sip2Message build() {
            for (FixedField f : spec.fixed()) {
                if (!fixed.containsKey(f)) {
                    throw new IllegalStateException(type + " is missing fixed field " + f);
                }
            }
            return new Sip2Message(type, type.code(), new EnumMap<>(fixed), fields, sequence, checksummed, DecoderResult.SUCCESS);
        }
    }
}
