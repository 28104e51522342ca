package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;

public interface IllRequestsContract extends StoreFixture {

    static IllRequest request(String partner, String externalId, IllRole role) {
        return new IllRequest(0, role, IllState.REQUESTED, partner, externalId, 3L, null, 4L, "A title", "MAIN", T0, T0);
    }

    @Test
    default void insertedRequestIsFoundByIdAndExternalId() {
        IllRequest r = write(tx -> tx.ill().insert(request("US-ABC", "R1", IllRole.BORROWING)));
        assertTrue(r.id() > 0);
        assertEquals(r, read(tx -> tx.ill().byId(r.id())).orElseThrow());
        assertEquals(r, read(tx -> tx.ill().byExternalId("US-ABC", "R1", IllRole.BORROWING)).orElseThrow());
        assertTrue(read(tx -> tx.ill().byExternalId("US-ABC", "R1", IllRole.LENDING)).isEmpty());
        assertTrue(read(tx -> tx.ill().byExternalId("US-XYZ", "R1", IllRole.BORROWING)).isEmpty());
    }

    @Test
    default void samePartnerIdAndRoleIsAConflictButOtherRoleIsNot() {
        write(tx -> tx.ill().insert(request("US-ABC", "R1", IllRole.BORROWING)));
        StoreFixture.expectConflict(writeFailure(tx -> tx.ill().insert(request("US-ABC", "R1", IllRole.BORROWING))));
        IllRequest lending = write(tx -> tx.ill().insert(request("US-ABC", "R1", IllRole.LENDING)));
        IllRequest otherPartner = write(tx -> tx.ill().insert(request("US-XYZ", "R1", IllRole.BORROWING)));
        assertEquals(3, read(tx -> tx.ill().page(0, 10)).size());
        assertTrue(lending.id() != otherPartner.id());
    }

    @Test
    default void updateMovesTheState() {
        IllRequest r = write(tx -> tx.ill().insert(request("US-ABC", "R1", IllRole.BORROWING)));
        IllRequest moved = r.moved(IllState.SHIPPED_TO_US, T0.plusSeconds(3600)).withItem(99L);
        write(tx -> {
            tx.ill().update(moved);
            return null;
        });
        assertEquals(moved, read(tx -> tx.ill().byId(r.id())).orElseThrow());
    }

    @Test
    default void pageWalksInIdOrder() {
        IllRequest a = write(tx -> tx.ill().insert(request("P", "1", IllRole.LENDING)));
        IllRequest b = write(tx -> tx.ill().insert(request("P", "2", IllRole.LENDING)));
        IllRequest c = write(tx -> tx.ill().insert(request("P", "3", IllRole.LENDING)));
        assertEquals(List.of(a, b), read(tx -> tx.ill().page(0, 2)));
        assertEquals(List.of(c), read(tx -> tx.ill().page(b.id(), 2)));
    }

    @Test
    default void forItemFindsTheRoleRequestsOfThatItemNewestFirst() {
        IllRequest a = write(tx -> tx.ill().insert(request("P", "1", IllRole.LENDING).withItem(7L)));
        write(tx -> tx.ill().insert(request("P", "2", IllRole.LENDING).withItem(8L)));
        write(tx -> tx.ill().insert(request("P", "3", IllRole.BORROWING).withItem(7L)));
        IllRequest d = write(tx -> tx.ill().insert(request("Q", "4", IllRole.LENDING).withItem(7L)));
        write(tx -> tx.ill().insert(request("Q", "5", IllRole.LENDING)));
        assertEquals(List.of(d, a), read(tx -> tx.ill().forItem(7L, IllRole.LENDING)));
        assertEquals(List.of(), read(tx -> tx.ill().forItem(9L, IllRole.LENDING)));
    }
}
