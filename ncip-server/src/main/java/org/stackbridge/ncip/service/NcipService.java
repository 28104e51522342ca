package org.stackbridge.ncip.service;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.stackbridge.ncip.binding.v2.InitiationHeader;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.Problem;
import org.stackbridge.ncip.binding.v2.ResponseHeader;

/**
 * One NCIP service: takes the request element {@code Q}, answers with the response element {@code R}.
 * Subclasses implement {@link #handle}; the accessors wire the binding types without reflection.
 */
public abstract class NcipService<Q, R> {

    private final String name;
    private final Function<NCIPMessage, Q> request;
    private final Function<Q, InitiationHeader> header;
    private final BiConsumer<NCIPMessage, R> put;
    private final Supplier<R> newResponse;
    private final Function<R, List<Problem>> problems;
    private final BiConsumer<R, ResponseHeader> responseHeader;

    protected NcipService(String name, Function<NCIPMessage, Q> request, Function<Q, InitiationHeader> header,
                          BiConsumer<NCIPMessage, R> put, Supplier<R> newResponse, Function<R, List<Problem>> problems,
                          BiConsumer<R, ResponseHeader> responseHeader) {
        this.name = name;
        this.request = request;
        this.header = header;
        this.put = put;
        this.newResponse = newResponse;
        this.problems = problems;
        this.responseHeader = responseHeader;
    }

    /** The NCIP service name, e.g. "CheckOutItem". */
    public final String name() {
        return name;
    }

    public abstract CompletionStage<R> handle(Q request, NcipExchange exchange);

    final Q requestOf(NCIPMessage m) {
        return request.apply(m);
    }

    final InitiationHeader headerOf(Q q) {
        return header.apply(q);
    }

    final void put(NCIPMessage m, R r) {
        put.accept(m, r);
    }

    final List<Problem> problemsOf(R r) {
        return problems.apply(r);
    }

    final void setHeader(R r, ResponseHeader h) {
        responseHeader.accept(r, h);
    }

    /** A response carrying only Problems (the standard forbids other data next to them). */
    public final R problem(Problem... ps) {
        R r = newResponse.get();
        problems.apply(r).addAll(List.of(ps));
        return r;
    }

    /**
     * Whether the answer to this request stays small whatever the data (no lists that grow with a patron's
     * or a title's records): such answers may be written on the connection's event loop.
     */
    protected boolean boundedAnswer(Q request) {
        return true;
    }

    final boolean bounded(Q request) {
        try {
            return boundedAnswer(request);
        } catch (RuntimeException e) {
            return false;
        }
    }

    protected final R newResponse() {
        return newResponse.get();
    }
}
