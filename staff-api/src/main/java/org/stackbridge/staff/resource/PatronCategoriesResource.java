package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import org.stackbridge.core.model.CodeKind;

/** {@code /patron-categories}: the patron categories (see {@link CodeListResource}). */
@Singleton
@Path("patron-categories")
public final class PatronCategoriesResource extends CodeListResource {

    @Inject
    public PatronCategoriesResource(EngineCalls engine) {
        super(engine, CodeKind.PATRON_CATEGORY);
    }
}
