package org.stackbridge.staff.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.StorageUnavailableException;

/**
 * Every failure of a request becomes a problem document: our own {@link ProblemException}s, JAX-RS errors (404 for an
 * unknown path, 405, 415 for a wrong content type), and unreadable JSON (400 naming the field). Anything else is a
 * 500 that says nothing about internals; the stack trace goes to the log only.
 */
public final class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        Problem p = problemOf(exception);
        Response.ResponseBuilder r = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
        if (p.status() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stackbridge\"");
        }
        return r.build();
    }

    public static Problem problemOf(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof ProblemException pe) {
                return pe.problem();
            }
            if (t instanceof JsonProcessingException json) {
                return unreadable(json);
            }
            if (t instanceof WebApplicationException wae) {
                return http(wae.getResponse().getStatus());
            }
            if (t instanceof StorageUnavailableException) {
                // the storage circuit breaker is open: the database cannot be reached, nothing was changed
                return new Problem("urn:stackbridge:problem:service-unavailable", "Service Unavailable", 503,
                        "The database cannot be reached; nothing was changed. Try again later.", "SERVICE_UNAVAILABLE", null);
            }
        }
        LOG.error("staff API request failed", exception);
        return new Problem("about:blank", "Internal Server Error", 500, "The request failed; the server log has the details.", null, null);
    }

    /** A JAX-RS status as a problem; the detail says what the client can change. */
    static Problem http(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s == null ? "HTTP " + status : s.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "Only application/json responses are available.";
            case 415 -> "The request body must be application/json.";
            default -> title;
        };
        return new Problem("about:blank", title, status, detail, null, null);
    }

    private static Problem unreadable(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return invalid(path(u, u.getPropertyName()), "unknown field");
        }
        if (e instanceof InvalidFormatException f) {
            return invalid(path(f, ""), "not a valid value");
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return invalid(path(m, ""), "must be " + kind(m.getTargetType()));
        }
        if (e instanceof MismatchedInputException) {
            return invalidBody("the body must be a JSON object");
        }
        if (e instanceof StreamReadException) {
            JsonLocation at = e.getLocation();
            return invalidBody("the body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        return invalidBody("the body cannot be read as JSON");
    }

    private static Problem invalidBody(String detail) {
        return new Problem(ProblemException.type("invalid-json"), "Invalid JSON", 400, detail, null, null);
    }

    private static Problem invalid(String field, String reason) {
        return ProblemException.invalid(List.of(new Problem.FieldError(field, reason))).problem();
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    /** The field's JSON path, e.g. {@code patron} or {@code lines[2].item}. */
    private static String path(JsonMappingException e, String last) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        if (sb.length() == 0) {
            return last == null || last.isEmpty() ? "(body)" : last;
        }
        return sb.toString();
    }
}
