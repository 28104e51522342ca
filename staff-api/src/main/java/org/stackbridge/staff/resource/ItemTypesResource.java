package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import org.stackbridge.core.model.CodeKind;

/** {@code /item-types}: the item types (see {@link CodeListResource}). */
@Singleton
@Path("item-types")
public final class ItemTypesResource extends CodeListResource {

    @Inject
    public ItemTypesResource(EngineCalls engine) {
        super(engine, CodeKind.ITEM_TYPE);
    }
}
