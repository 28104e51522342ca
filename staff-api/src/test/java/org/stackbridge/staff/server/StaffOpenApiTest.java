package org.stackbridge.staff.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.staff.auth.Public;
import org.stackbridge.staff.auth.Requires;

/**
 * The OpenAPI document against the resources Jersey serves: every served route is documented with its permission,
 * and nothing is documented that is not served. New resources are checked without touching this test.
 */
class StaffOpenApiTest {

    private final Set<Class<?>> classes = new StaffApplication(null, null, null, null).getClasses();

    @Test
    void everyServedRouteIsDocumentedWithItsPermission() {
        OpenAPI api = StaffOpenApi.document(classes, "test");
        Map<StaffOpenApi.Route, Method> routes = StaffOpenApi.routes(classes);
        assertTrue(routes.size() >= 8, "the API serves at least login, logout, patrons, items and the desk: " + routes.keySet());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<StaffOpenApi.Route, Method> e : routes.entrySet()) {
            Operation op = StaffOpenApi.operation(api, e.getKey());
            if (op == null) {
                missing.add(e.getKey().method() + " " + e.getKey().path());
                continue;
            }
            Requires requires = e.getValue().getAnnotation(Requires.class);
            if (requires != null) {
                assertEquals(requires.value().name().toLowerCase(Locale.ROOT),
                        op.getExtensions().get(StaffOpenApi.PERMISSION), e.getKey() + " permission");
                assertTrue(op.getResponses().containsKey("403"), e.getKey() + " documents 403");
            }
            if (e.getValue().isAnnotationPresent(Public.class)) {
                assertTrue(op.getSecurity() != null && op.getSecurity().isEmpty(), e.getKey() + " needs no token");
            }
        }
        assertEquals(List.of(), missing, "served but not documented");
    }

    @Test
    void nothingIsDocumentedThatIsNotServed() {
        OpenAPI api = StaffOpenApi.document(classes, "test");
        Set<StaffOpenApi.Route> served = StaffOpenApi.routes(classes).keySet();
        List<String> extra = new ArrayList<>();
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            for (PathItem.HttpMethod m : p.getValue().readOperationsMap().keySet()) {
                if (!served.contains(new StaffOpenApi.Route(m.name(), p.getKey()))) {
                    extra.add(m + " " + p.getKey());
                }
            }
        }
        assertEquals(List.of(), extra, "documented but not served");
    }

    @Test
    void theDocumentIsOpenApi3WithTheBearerSchemeAndSnakeCaseBodies() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(StaffOpenApi.json(classes, "9.9.9"));
        assertTrue(doc.path("openapi").asText().startsWith("3."), doc.path("openapi").asText());
        assertEquals("9.9.9", doc.path("info").path("version").asText());
        assertEquals("/api/v1", doc.path("servers").path(0).path("url").asText());
        assertEquals("bearer", doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText());
        JsonNode login = doc.path("paths").path("/auth/login").path("post");
        assertFalse(login.isMissingNode(), "POST /auth/login documented");
        assertNotNull(doc.path("components").path("schemas").get("Problem"));
        // request bodies are described in the API's JSON naming
        String text = doc.toString();
        assertFalse(text.contains("\"dueAt\""), "camelCase property leaked into the schemas");
    }
}
