package org.stackbridge.staff.console.server;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.staff.console.web.Pages;

/** Every failure becomes an error page in the console's look: no stack trace or class name ever reaches the browser. */
final class ConsoleErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrorMapper.class);

    @Context
    private SecurityContext security;

    private final Pages pages;

    ConsoleErrorMapper(Pages pages) {
        this.pages = pages;
    }

    @Override
    public Response toResponse(Throwable error) {
        var session = security == null ? null : ConsoleSecurityContext.sessionOf(security);
        int status = 500;
        String title = "Something went wrong";
        String detail = "The request failed; the server log has the details.";
        if (error instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            status = w.getResponse().getStatus();
            title = switch (status) {
                case 404 -> "Not found";
                case 405 -> "Not allowed here";
                case 415 -> "Unsupported form";
                default -> "Bad request";
            };
            detail = switch (status) {
                case 404 -> "There is no such page in the console.";
                case 405 -> "This page does not accept that kind of request.";
                default -> "The request could not be read.";
            };
        } else {
            LOG.error("staff console request failed", error);
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(pages.error(session, status, title, detail)).build();
    }
}
