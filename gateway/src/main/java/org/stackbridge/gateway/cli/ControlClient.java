package org.stackbridge.gateway.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.gateway.control.ControlEndpoint;
import org.stackbridge.gateway.control.ControlFile;

/**
 * The command line's side of {@link ControlEndpoint}: finds the gateway running on the command's data directory by its
 * {@link ControlFile} and has it run the command on its own storage. A control file whose gateway does not answer
 * (it died without removing it) is ignored: the command then opens the storage itself.
 */
final class ControlClient {

    private static final Duration CONNECT = Duration.ofSeconds(3);
    /** A forwarded command may run long (an index rebuild, a copy-cataloguing fetch). */
    private static final Duration COMMAND = Duration.ofMinutes(30);

    private final ControlFile file;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ControlClient(ControlFile file) {
        this.file = file;
    }

    /** The running gateway of the command's data directory, if one answers. */
    static Optional<ControlClient> find(CommonOptions common) {
        Path dataDir = Path.of(StackbridgeCli.load(common).config().dataDir());
        Optional<ControlFile> f = ControlFile.read(dataDir);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        ControlClient client = new ControlClient(f.get());
        return client.answers() ? Optional.of(client) : Optional.empty();
    }

    private boolean answers() {
        try {
            HttpResponse<String> r = http.send(request("/ping").timeout(CONNECT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest.Builder request(String path) {
        String host = file.host().contains(":") ? "[" + file.host() + "]" : file.host();
        return HttpRequest.newBuilder(URI.create("http://" + host + ":" + file.port() + ControlEndpoint.VERSION + path))
                .header(ControlEndpoint.TOKEN_HEADER, file.token());
    }

    /** Runs a command line in the gateway. */
    ControlEndpoint.CommandRunner.Result run(List<String> args, String stdin, String user) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(Map.of("args", args, "stdin", stdin, "user", user));
        HttpResponse<byte[]> r = send(request("/run").timeout(COMMAND).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        if (r.statusCode() != 200) {
            throw new StackbridgeCli.CliException("the running gateway refused the command: " + new String(r.body(), StandardCharsets.UTF_8).strip(), 1);
        }
        return json.readValue(r.body(), ControlEndpoint.CommandRunner.Result.class);
    }

    /** Sends {@code file} to the gateway as an import job. */
    ImportJobs.Job submitImport(ImportJobs.Kind kind, Path file, String user) throws IOException, InterruptedException {
        String query = "?type=" + kind.label() + "&source=" + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8)
                + "&actor=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = send(request("/imports" + query).timeout(COMMAND).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        String text = new String(r.body(), StandardCharsets.UTF_8).strip();
        return switch (r.statusCode()) {
            case 202 -> json.readValue(r.body(), ImportJobs.Job.class);
            case 413 -> throw new StackbridgeCli.CliException(file + ": " + text, 4);
            default -> throw new StackbridgeCli.CliException("the running gateway refused the import: " + text, 4);
        };
    }

    /** The job as it stands now in the gateway. */
    Optional<ImportJobs.Job> findImport(String id) {
        try {
            HttpResponse<byte[]> r = send(request("/imports/" + id).timeout(CONNECT.multipliedBy(10)).GET().build());
            return r.statusCode() == 200 ? Optional.of(json.readValue(r.body(), ImportJobs.Job.class)) : Optional.empty();
        } catch (IOException e) {
            throw new StackbridgeCli.CliException("lost the running gateway while following import job " + id + ": " + e.getMessage(), 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new StackbridgeCli.CliException("the running gateway (port " + file.port() + ") did not answer: " + e, 6);
        }
    }
}
