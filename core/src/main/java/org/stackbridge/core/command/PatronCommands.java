package org.stackbridge.core.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.outcome.PatronViews;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.model.PatronSearch;

/**
 * The patron desk's commands (staff API): create, change, search, replace the card, reset the PIN, renew or end the
 * membership, anonymise, typed blocks, and the histories of patrons and items. Handled by {@code PatronsDesk}.
 */
public final class PatronCommands {

    private PatronCommands() {
    }

    /** The fields of a new patron; {@code noticePreference} null means the default (e-mail when there is one, else print). */
    public record PatronDetails(String barcode, String name, String category, String homeLibrary, String email, String phone,
                                String address, LocalDate expires, LocalDate birthDate, NoticePreference noticePreference,
                                String language) {
    }

    /**
     * Create a patron. {@code pinHash} (null: no PIN) is the PIN already hashed by {@code SecretHasher}: callers hash
     * on their own threads, so the slow hash never holds up the storage writer.
     */
    public record CreatePatron(RequestContext context, PatronDetails details, String pinHash) implements Command<Views.PatronInfo> {
        @Override
        public String toString() {
            return "CreatePatron[" + details.barcode() + (pinHash == null ? "" : ", pin=***") + "]";
        }
    }

    /** The fields a partial update may set. */
    public enum PatronField {
        NAME, CATEGORY, HOME_LIBRARY, EMAIL, PHONE, ADDRESS, EXPIRES, BIRTH_DATE, NOTICE_PREFERENCE, LANGUAGE;

        /** The field's name in the API and in change records ({@code home_library}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Fields that may be cleared (set to none); the others are required. */
        public boolean clearable() {
            return this == EMAIL || this == PHONE || this == ADDRESS || this == EXPIRES || this == BIRTH_DATE || this == LANGUAGE;
        }
    }

    /**
     * A partial update: the fields in {@code set} take the values given here (null clears a clearable field); fields
     * not in {@code set} are left as they are.
     */
    public record PatronPatch(Set<PatronField> set, String name, String category, String homeLibrary, String email, String phone,
                              String address, LocalDate expires, LocalDate birthDate, NoticePreference noticePreference,
                              String language) {
        public PatronPatch {
            set = Set.copyOf(set);
        }

        public boolean sets(PatronField f) {
            return set.contains(f);
        }
    }

    /** Change a patron; the event records the before and after values of what changed. */
    public record UpdatePatron(RequestContext context, String patronBarcode, PatronPatch patch) implements Command<Views.PatronInfo> {
    }

    /** Search patrons; {@code page} counts from 1. Read-only. */
    public record SearchPatrons(RequestContext context, PatronSearch search, int page, int perPage) implements Command<PatronViews.PatronPage> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /**
     * Replace the patron's card: the new barcode becomes the patron's, the old one stays bound as a lost card. With
     * {@code chargeFee} the engine's card replacement fee (when one is set) is charged in the same transaction.
     */
    public record ReplaceCard(RequestContext context, String patronBarcode, String newBarcode, boolean chargeFee)
            implements Command<Views.PatronInfo> {

        /** A replacement that charges the configured fee, if any. */
        public ReplaceCard(RequestContext context, String patronBarcode, String newBarcode) {
            this(context, patronBarcode, newBarcode, true);
        }
    }

    /**
     * Set a new PIN, given as its {@code SecretHasher} hash (hashed by the caller); the PIN check cache forgets the
     * patron's old PIN and any failed-PIN lock.
     */
    public record ResetPin(RequestContext context, String patronBarcode, String pinHash) implements Command<Views.PatronView> {
        @Override
        public String toString() {
            return "ResetPin[" + patronBarcode + ", pin=***]";
        }
    }

    public enum MembershipAction { RENEW, EXPIRE }

    /** Renew (by the category's period, else to {@code until} or by a year) or end a membership. */
    public record ChangeMembership(RequestContext context, String patronBarcode, MembershipAction action,
                                   LocalDate until) implements Command<Views.PatronInfo> {
    }

    /**
     * Remove everything that identifies a patron (name, contact, birth date, PIN, barcode, lost cards, blocks) while
     * the record stays for statistics. Refused while the patron has loans or unpaid fees.
     */
    public record AnonymisePatron(RequestContext context, String patronBarcode) implements Command<Views.PatronView> {
    }

    /** Place a staff block ({@link BlockType#KIOSK} is for SIP2 01 only). {@code expires} null: until lifted. */
    public record PlaceBlock(RequestContext context, String patronBarcode, BlockType type, String reason, String note,
                             Instant expires) implements Command<Views.BlockLine> {
    }

    /** A patron's active blocks. Read-only. */
    public record ListBlocks(RequestContext context, String patronBarcode) implements Command<PatronViews.PatronBlocks> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** Lift one block by id (staff may lift any type). */
    public record RemoveBlock(RequestContext context, String patronBarcode, long blockId) implements Command<Views.BlockLine> {
    }

    /** A patron's history from the event log, newest first; {@code page} counts from 1. Read-only. */
    public record PatronHistory(RequestContext context, String patronBarcode, int page, int perPage) implements Command<PatronViews.HistoryPage> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** An item's history from the event log, newest first; {@code page} counts from 1. Read-only. */
    public record ItemHistory(RequestContext context, String itemBarcode, int page, int perPage) implements Command<PatronViews.HistoryPage> {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    // ---------------------------------------------------------------- added for the console's patron desk

    /**
     * Patrons who may be the same person as a new patron with this name, birth date and e-mail (the rule is
     * {@code PatronDuplicates}): at most {@code PatronDuplicates.MAX_REPORTED}, in the caller's institution. Read-only.
     */
    public record FindDuplicatePatrons(RequestContext context, String name, LocalDate birthDate, String email)
            implements Command<PatronViews.PatronPage> {
        @Override
        public boolean mutating() {
            return false;
        }
    }
}
