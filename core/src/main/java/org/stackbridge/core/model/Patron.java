package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A library patron. {@code pinHash} is a salted slow hash (see {@code PinHasher}); the clear PIN is never kept.
 * {@code id} is 0 until stored.
 */
public record Patron(long id, String barcode, String pinHash, String name, String category,
                     String email, String phone, String address, LocalDate expires, String homeLibrary,
                     boolean cardLost) implements Serializable {

    public Patron {
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(homeLibrary, "homeLibrary");
    }

    public Patron withId(long newId) {
        return new Patron(newId, barcode, pinHash, name, category, email, phone, address, expires, homeLibrary, cardLost);
    }

    public Patron withCardLost(boolean lost) {
        return new Patron(id, barcode, pinHash, name, category, email, phone, address, expires, homeLibrary, lost);
    }

    public boolean isExpired(LocalDate today) {
        return expires != null && expires.isBefore(today);
    }

    @Override
    public String toString() {
        // never print the PIN hash
        return "Patron[id=" + id + ", barcode=" + barcode + ", category=" + category + ", home=" + homeLibrary + "]";
    }
}
