package org.stackbridge.staff.console.web;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.stackbridge.staff.auth.Public;

/**
 * The console's stylesheet and scripts, from the jar: ours, and htmx from its WebJar. A fixed list (nothing else on
 * the class path can be read through it), loaded once, with an ETag and a day's caching.
 */
@Singleton
@Path("static")
public final class StaticAssets {

    private static final String OURS = "org/stackbridge/staff/console/static/";
    private static final String CACHE = "public, max-age=86400";

    private record Asset(byte[] bytes, String type, String etag) {
    }

    private final Map<String, Asset> assets = Map.of(
            "console.css", load(OURS + "console.css", "text/css; charset=utf-8"),
            "console.js", load(OURS + "console.js", "text/javascript; charset=utf-8"),
            "htmx.min.js", load("META-INF/resources/webjars/htmx.org/" + webJarVersion("htmx.org") + "/dist/htmx.min.js",
                    "text/javascript; charset=utf-8"));

    @GET
    @Path("{name}")
    @Public
    public Response asset(@PathParam("name") String name, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Asset a = assets.get(name);
        if (a == null) {
            throw new NotFoundException();
        }
        if (a.etag().equals(ifNoneMatch)) {
            return Response.notModified().header("ETag", a.etag()).header("Cache-Control", CACHE).build();
        }
        return Response.ok(a.bytes(), a.type()).header("ETag", a.etag()).header("Cache-Control", CACHE).build();
    }

    /** The version of a WebJar on the class path, from its Maven metadata (so upgrading it needs no code change). */
    static String webJarVersion(String artifact) {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static Asset load(String path, String type) {
        try (InputStream in = resource(path)) {
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
            return new Asset(bytes, type, etag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing from the jar: " + path);
        }
        return in;
    }
}
