package org.stackbridge.staff.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.stackbridge.staff.auth.Public;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.problem.Problem;

/**
 * The OpenAPI 3 document of the staff API, generated at start from the very resource classes Jersey serves (swagger's
 * JAX-RS reader), so it cannot drift from the code. Each operation also names the staff permission its
 * {@link Requires} annotation demands ({@code x-permission}), the bearer scheme (none for {@link Public}) and the
 * problem documents every call may answer.
 */
public final class StaffOpenApi {

    public static final String PATH = "/api/openapi.json";
    static final String PERMISSION = "x-permission";
    private static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";

    private StaffOpenApi() {
    }

    /** One operation the API serves: its HTTP method and path template under {@code /api/v1}. */
    public record Route(String method, String path) {
    }

    /** The document for these resource classes, as JSON. */
    public static byte[] json(Set<Class<?>> resources, String version) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document(resources, version));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("OpenAPI document not serialisable", e);
        }
    }

    static OpenAPI document(Set<Class<?>> resources, String version) {
        synchronized (ModelConverters.class) {
            // schemas of request records in the API's own JSON naming (snake_case), not swagger's default
            ModelResolver resolver = new ModelResolver(StaffJson.mapper());
            ModelConverters.getInstance().addConverter(resolver);
            try {
                return build(resources, version);
            } finally {
                ModelConverters.getInstance().removeConverter(resolver);
            }
        }
    }

    private static OpenAPI build(Set<Class<?>> resources, String version) {
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Stackbridge staff API").version(version)
                        .description("Every technician task on the running gateway. Log in with POST /auth/login, then send "
                                + "'Authorization: Bearer <token>'. Errors are RFC 9457 problem documents. See docs/api.md."))
                .servers(List.of(new Server().url(StaffHttpEndpoint.PATH)))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
        Reader reader = new Reader(new SwaggerConfiguration().openAPI(base).prettyPrint(true));
        OpenAPI api = reader.read(resourceClasses(resources));
        Map<Route, Method> methods = routes(resources);
        for (Map.Entry<Route, Method> e : methods.entrySet()) {
            Operation op = operation(api, e.getKey());
            if (op == null) {
                continue; // the drift test names it
            }
            Method m = e.getValue();
            Requires requires = m.getAnnotation(Requires.class);
            if (requires != null) {
                op.addExtension(PERMISSION, requires.value().name().toLowerCase(Locale.ROOT));
            }
            if (m.isAnnotationPresent(Public.class)) {
                op.setSecurity(List.of());
            }
            addProblems(op, m.isAnnotationPresent(Public.class));
        }
        return api;
    }

    /** Every (method, path) Jersey serves for these resource classes, with the Java method behind it. */
    public static Map<Route, Method> routes(Set<Class<?>> resources) {
        Map<Route, Method> out = new TreeMap<>((a, b) -> (a.path() + " " + a.method()).compareTo(b.path() + " " + b.method()));
        for (Class<?> c : resourceClasses(resources)) {
            Resource r = Resource.from(c);
            collect(r, "", out);
        }
        return out;
    }

    private static void collect(Resource r, String prefix, Map<Route, Method> out) {
        String here = join(prefix, r.getPath());
        for (ResourceMethod m : r.getResourceMethods()) {
            out.put(new Route(m.getHttpMethod(), here), m.getInvocable().getHandlingMethod());
        }
        for (Resource child : r.getChildResources()) {
            collect(child, here, out);
        }
    }

    private static String join(String prefix, String path) {
        String p = path == null ? "" : path;
        String joined = (prefix + "/" + p).replaceAll("/+", "/");
        // drop a regex from a template, {id: [0-9]+} → {id}, as OpenAPI paths carry plain names
        joined = joined.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.isEmpty() ? "/" : joined;
    }

    static Operation operation(OpenAPI api, Route route) {
        if (api.getPaths() == null) {
            return null;
        }
        PathItem item = api.getPaths().get(route.path());
        if (item == null) {
            return null;
        }
        return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(route.method().toUpperCase(Locale.ROOT)));
    }

    private static Set<Class<?>> resourceClasses(Set<Class<?>> classes) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            if (c.isAnnotationPresent(Path.class)) {
                out.add(c);
            }
        }
        return out;
    }

    private static void addProblems(Operation op, boolean isPublic) {
        Map<String, String> statuses = new LinkedHashMap<>();
        statuses.put("400", "Invalid request: the problem's errors name each field and reason");
        if (!isPublic) {
            statuses.put("401", "No, an unknown or an expired bearer token");
            statuses.put("403", "The staff member's role does not grant the permission (x-permission)");
            statuses.put("404", "Unknown barcode or resource");
            statuses.put("409", "The engine refused or the request conflicts; detail says what conflicts");
        } else {
            statuses.put("401", "Wrong login or password, or a disabled account");
            statuses.put("429", "The login is locked after repeated failures");
        }
        statuses.put("503", "The engine or the database did not answer");
        for (Map.Entry<String, String> s : statuses.entrySet()) {
            if (op.getResponses() != null && op.getResponses().containsKey(s.getKey())) {
                continue;
            }
            op.getResponses().addApiResponse(s.getKey(), new ApiResponse().description(s.getValue())
                    .content(new Content().addMediaType(Problem.MEDIA_TYPE,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema field = new ObjectSchema();
        field.addProperty("field", new StringSchema());
        field.addProperty("reason", new StringSchema());
        ObjectSchema s = new ObjectSchema();
        s.description("RFC 9457 problem details");
        s.addProperty("type", new StringSchema());
        s.addProperty("title", new StringSchema());
        s.addProperty("status", new IntegerSchema());
        s.addProperty("detail", new StringSchema());
        s.addProperty("reason", new StringSchema().description("the engine's refusal code, when the engine refused"));
        s.addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(field));
        return s;
    }
}
