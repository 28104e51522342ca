package org.stackbridge.gateway.control;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code <data-dir>/stackbridge.control}: how a command line on this machine reaches the gateway that runs on the data
 * directory. Written at start (readable by its owner only: mode 0600), removed at stop. It holds the HTTP port, the
 * address to call it on, and a random token drawn at each start, which {@link ControlEndpoint} requires.
 *
 * @param host  the address the command line calls (loopback when the gateway listens on every address)
 * @param port  the gateway's HTTP port
 * @param token the per-start control token
 * @param pid   the gateway's process id, for people reading the file
 */
public record ControlFile(String host, int port, String token, long pid) {

    public static final String NAME = "stackbridge.control";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token for a gateway listening on {@code bind}:{@code port}. */
    public static ControlFile fresh(String bind, int port) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String host = bind == null || bind.isBlank() || bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
        return new ControlFile(host, port, HexFormat.of().formatHex(token), ProcessHandle.current().pid());
    }

    public static Path path(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    /** Writes the file with owner-only permissions (atomically: a reader never sees half of it). */
    public void write(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(NAME + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + tmp, e);
        }
        String text = "# the running gateway's control address; written at start, removed at stop\n"
                + "host=" + host + "\nport=" + port + "\ntoken=" + token + "\npid=" + pid + "\n";
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, path(dataDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the file if it is still this one (a newer gateway on the same directory keeps its own). */
    public void remove(Path dataDir) {
        try {
            if (read(dataDir).filter(this::equals).isPresent()) {
                Files.deleteIfExists(path(dataDir));
            }
        } catch (IOException e) {
            // the gateway is stopping; a stale file is ignored by the command line once the port stops answering
        }
    }

    /** The file of the gateway on {@code dataDir}, if one has written it (it may have died since). */
    public static Optional<ControlFile> read(Path dataDir) {
        Path p = path(dataDir);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            Properties props = new Properties();
            props.load(new StringReader(Files.readString(p, StandardCharsets.UTF_8)));
            return Optional.of(new ControlFile(props.getProperty("host"), Integer.parseInt(props.getProperty("port")),
                    props.getProperty("token"), Long.parseLong(props.getProperty("pid", "0"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
