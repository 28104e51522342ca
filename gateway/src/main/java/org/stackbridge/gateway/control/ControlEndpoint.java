package org.stackbridge.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.port.ImportJobs;

/**
 * The control endpoint ({@code /control/v1} on the HTTP port) through which a command line on this machine acts on
 * the running gateway's own storage, so no write command needs the gateway stopped. Only calls from an address of
 * this machine carrying the per-start token of {@link ControlFile} are served; every other call gets 404, as if the
 * path did not exist. Work runs on one control thread (commands one at a time), never on a network thread.
 * <ul>
 * <li>{@code GET /control/v1/ping}: the gateway answers.</li>
 * <li>{@code POST /control/v1/run} {@code {"args": [...], "stdin": "...", "user": "..."}}: runs the command line in the gateway
 * ({@link CommandRunner}) and answers {@code {"exit": n, "out": "...", "err": "..."}}.</li>
 * <li>{@code POST /control/v1/imports?type=patrons|items|biblios&source=NAME&actor=USER} with the file as the body:
 * queues an import job (the same as the staff API's); {@code GET /control/v1/imports/{id}} follows it.</li>
 * </ul>
 */
public final class ControlEndpoint implements AutoCloseable {

    public static final String PATH = "/control";
    public static final String VERSION = PATH + "/v1";
    public static final String TOKEN_HEADER = "X-Stackbridge-Control-Token";
    private static final Logger LOG = LoggerFactory.getLogger(ControlEndpoint.class);
    private static final int MAX_ARGS = 256;

    /** Runs a command line inside the gateway. */
    @FunctionalInterface
    public interface CommandRunner {
        /** @param user the name of the user who typed the command (recorded as the actor of its changes) */
        Result run(List<String> args, String stdin, String user);

        /** What the command printed and its exit code. */
        record Result(int exit, String out, String err) {
        }
    }

    private final byte[] token;
    private final CommandRunner commands;
    private final ImportJobs imports;
    private final ThreadPoolExecutor worker;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public ControlEndpoint(String token, CommandRunner commands, ImportJobs imports) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.commands = commands;
        this.imports = imports;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), r -> {
            Thread t = new Thread(r, "control");
            t.setDaemon(true);
            return t;
        });
    }

    public CompletionStage<FullHttpResponse> handle(FullHttpRequest request, InetSocketAddress remote) {
        if (!fromThisMachine(remote) || !tokenMatches(request.headers().get(TOKEN_HEADER))) {
            return CompletableFuture.completedFuture(text(HttpResponseStatus.NOT_FOUND, "not found\n"));
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.GET) && path.equals(VERSION + "/ping")) {
            return CompletableFuture.completedFuture(json(HttpResponseStatus.OK, Map.of("pid", ProcessHandle.current().pid())));
        }
        if (method.equals(HttpMethod.GET) && path.startsWith(VERSION + "/imports/")) {
            String id = path.substring((VERSION + "/imports/").length());
            return CompletableFuture.completedFuture(imports.find(id).map(j -> json(HttpResponseStatus.OK, j))
                    .orElseGet(() -> text(HttpResponseStatus.NOT_FOUND, "no import job " + id + "\n")));
        }
        if (method.equals(HttpMethod.POST) && (path.equals(VERSION + "/run") || path.equals(VERSION + "/imports"))) {
            byte[] body = new byte[request.content().readableBytes()];
            request.content().getBytes(request.content().readerIndex(), body);
            try {
                return CompletableFuture.supplyAsync(() -> path.endsWith("/run") ? run(body) : submit(uri, body), worker);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.completedFuture(text(HttpResponseStatus.SERVICE_UNAVAILABLE, "the gateway is busy with other commands\n"));
            }
        }
        return CompletableFuture.completedFuture(text(HttpResponseStatus.NOT_FOUND, "not found\n"));
    }

    private FullHttpResponse run(byte[] body) {
        List<String> args = new ArrayList<>();
        String stdin;
        String user;
        try {
            JsonNode tree = json.readTree(body);
            JsonNode a = tree.path("args");
            if (!a.isArray() || a.size() > MAX_ARGS) {
                return text(HttpResponseStatus.BAD_REQUEST, "args: an array of at most " + MAX_ARGS + " strings is required\n");
            }
            a.forEach(n -> args.add(n.asText()));
            stdin = tree.path("stdin").isTextual() ? tree.path("stdin").asText() : "";
            user = tree.path("user").isTextual() && !tree.path("user").asText().isBlank() ? tree.path("user").asText() : "cli";
        } catch (IOException e) {
            return text(HttpResponseStatus.BAD_REQUEST, "body must be JSON: " + e.getMessage() + "\n");
        }
        LOG.info("control: running '{}' for the command line", args.isEmpty() ? "" : String.join(" ", args.subList(0, Math.min(2, args.size()))));
        try {
            return json(HttpResponseStatus.OK, commands.run(args, stdin, user));
        } catch (RuntimeException e) {
            LOG.error("control: command failed", e);
            return json(HttpResponseStatus.OK, new CommandRunner.Result(1, "", "error: " + e + "\n"));
        }
    }

    private FullHttpResponse submit(QueryStringDecoder uri, byte[] body) {
        ImportJobs.Kind kind = ImportJobs.Kind.parse(first(uri, "type")).orElse(null);
        if (kind == null) {
            return text(HttpResponseStatus.BAD_REQUEST, "type must be one of patrons, items, biblios\n");
        }
        String actor = first(uri, "actor");
        RequestContext who = new RequestContext(Channel.CLI, actor == null || actor.isBlank() ? "cli" : actor, "cli", null, null, null, null);
        try (InputStream in = new ByteBufInputStream(Unpooled.wrappedBuffer(body), true)) {
            return json(HttpResponseStatus.ACCEPTED, imports.submit(kind, who, first(uri, "source"), in));
        } catch (ImportJobs.Refused e) {
            return text(e.tooLarge() ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage() + "\n");
        } catch (IOException e) {
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.getMessage() + "\n");
        }
    }

    private static String first(QueryStringDecoder uri, String name) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private boolean tokenMatches(String given) {
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** A loopback address, or one of this machine's own (a gateway bound to one address is called on it). */
    static boolean fromThisMachine(InetSocketAddress remote) {
        if (remote == null) {
            return false;
        }
        InetAddress a = remote.getAddress();
        if (a == null) {
            return false;
        }
        if (a.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private FullHttpResponse json(HttpResponseStatus status, Object value) {
        try {
            return response(status, "application/json", json.writeValueAsBytes(value));
        } catch (IOException e) {
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot write the answer\n");
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        return response(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, byte[] bytes) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
