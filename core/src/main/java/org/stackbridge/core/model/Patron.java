package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A library patron. {@code pinHash} is a salted slow hash (see {@code PinHasher}); the clear PIN is never kept.
 * {@code id} is 0 until stored. {@code noticePreference} defaults to e-mail when the patron has an e-mail address,
 * else print; {@code birthDate} and {@code language} (e.g. {@code en}) may be null.
 */
public record Patron(long id, String barcode, String pinHash, String name, String category,
                     String email, String phone, String address, LocalDate expires, String homeLibrary,
                     boolean cardLost, LocalDate birthDate, NoticePreference noticePreference,
                     String language) implements Serializable {

    public Patron {
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(homeLibrary, "homeLibrary");
        noticePreference = noticePreference == null ? NoticePreference.defaultFor(email) : noticePreference;
    }

    /** A patron without birth date and language, with the default notice preference. */
    public Patron(long id, String barcode, String pinHash, String name, String category,
                  String email, String phone, String address, LocalDate expires, String homeLibrary, boolean cardLost) {
        this(id, barcode, pinHash, name, category, email, phone, address, expires, homeLibrary, cardLost, null, null, null);
    }

    public Patron withId(long newId) {
        return new Patron(newId, barcode, pinHash, name, category, email, phone, address, expires, homeLibrary, cardLost,
                birthDate, noticePreference, language);
    }

    public Patron withCardLost(boolean lost) {
        return new Patron(id, barcode, pinHash, name, category, email, phone, address, expires, homeLibrary, lost,
                birthDate, noticePreference, language);
    }

    public Patron withBarcode(String newBarcode) {
        return new Patron(id, newBarcode, pinHash, name, category, email, phone, address, expires, homeLibrary, cardLost,
                birthDate, noticePreference, language);
    }

    public Patron withPinHash(String newPinHash) {
        return new Patron(id, barcode, newPinHash, name, category, email, phone, address, expires, homeLibrary, cardLost,
                birthDate, noticePreference, language);
    }

    public Patron withExpires(LocalDate newExpires) {
        return new Patron(id, barcode, pinHash, name, category, email, phone, address, newExpires, homeLibrary, cardLost,
                birthDate, noticePreference, language);
    }

    public Patron withName(String newName) {
        return new Patron(id, barcode, pinHash, newName, category, email, phone, address, expires, homeLibrary, cardLost,
                birthDate, noticePreference, language);
    }

    public Patron withCategory(String newCategory) {
        return new Patron(id, barcode, pinHash, name, newCategory, email, phone, address, expires, homeLibrary, cardLost,
                birthDate, noticePreference, language);
    }

    public Patron withHomeLibrary(String newHomeLibrary) {
        return new Patron(id, barcode, pinHash, name, category, email, phone, address, expires, newHomeLibrary, cardLost,
                birthDate, noticePreference, language);
    }

    /** The same patron with new contact details (each may be null). */
    public Patron withContact(String newEmail, String newPhone, String newAddress) {
        return new Patron(id, barcode, pinHash, name, category, newEmail, newPhone, newAddress, expires, homeLibrary, cardLost,
                birthDate, noticePreference, language);
    }

    public Patron withBirthDate(LocalDate newBirthDate) {
        return new Patron(id, barcode, pinHash, name, category, email, phone, address, expires, homeLibrary, cardLost,
                newBirthDate, noticePreference, language);
    }

    public Patron withNoticePreference(NoticePreference newPreference) {
        return new Patron(id, barcode, pinHash, name, category, email, phone, address, expires, homeLibrary, cardLost,
                birthDate, newPreference, language);
    }

    public Patron withLanguage(String newLanguage) {
        return new Patron(id, barcode, pinHash, name, category, email, phone, address, expires, homeLibrary, cardLost,
                birthDate, noticePreference, newLanguage);
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
