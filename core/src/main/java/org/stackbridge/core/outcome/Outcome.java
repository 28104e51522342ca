package org.stackbridge.core.outcome;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;

/** Result of a command: a success value, or a refusal with a reason code and a human message. */
public sealed interface Outcome<T> extends Serializable permits Outcome.Success, Outcome.Refused {

    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Outcome<T> refused(RefusalReason reason, String message) {
        return new Refused<>(reason, message, null);
    }

    /** A refusal that still carries context for the response (e.g. the item that could not be lent). */
    static <T> Outcome<T> refused(RefusalReason reason, String message, Serializable context) {
        return new Refused<>(reason, message, context);
    }

    default boolean isSuccess() {
        return this instanceof Success<T>;
    }

    /** The success value; throws for a refusal. */
    default T value() {
        if (this instanceof Success<T> s) {
            return s.result();
        }
        throw new IllegalStateException("refused: " + this);
    }

    default <U> Outcome<U> map(Function<T, U> f) {
        if (this instanceof Success<T> s) {
            return new Success<>(f.apply(s.result()));
        }
        Refused<T> r = (Refused<T>) this;
        return new Refused<>(r.reason(), r.message(), r.context());
    }

    record Success<T>(T result) implements Outcome<T> {
        public Success {
            Objects.requireNonNull(result, "result");
        }
    }

    record Refused<T>(RefusalReason reason, String message, Serializable context) implements Outcome<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            message = message == null ? reason.name() : message;
        }
    }
}
