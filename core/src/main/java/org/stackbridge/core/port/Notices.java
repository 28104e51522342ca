package org.stackbridge.core.port;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.notice.NoticeChannel;
import org.stackbridge.core.notice.NoticeState;
import org.stackbridge.core.notice.NoticeType;

/**
 * The notice outbox and the facts notices are made of. A notice is recorded (unique by its key) before it is
 * delivered and marked sent after; the facts are read a page at a time, by ascending id after {@code afterId}.
 */
public interface Notices {

    /** Open loans due before {@code before}. */
    List<LoanFact> openLoansDueBefore(Instant before, long afterId, int limit);

    /** Holds on the hold shelf (ready for pickup). */
    List<HoldFact> holdsOnShelf(long afterId, int limit);

    /** Fees charged since {@code since}. */
    List<FeeFact> feesSince(Instant since, long afterId, int limit);

    /** Borrowing ILL requests received (the item arrived for the patron), last changed since {@code since}. */
    List<IllFact> illArrivedSince(Instant since, long afterId, int limit);

    /** Patrons whose card expires between the two days (inclusive). */
    List<PatronFact> cardsExpiring(LocalDate from, LocalDate to, long afterId, int limit);

    /** Which of these keys are recorded already. */
    Set<String> recorded(Collection<String> keys);

    /** Records a notice unless its key is recorded; true when this call recorded it. */
    boolean record(NewNotice notice);

    /**
     * Records in one batch those of {@code notices} whose keys are not recorded yet; returns the keys this call
     * recorded (a key another node records at the same moment fails the unit, which the runner retries).
     */
    Set<String> recordAll(List<NewNotice> notices);

    /**
     * Claims for {@code node} until {@code until} up to {@code limit} notices of a channel that are pending, due and
     * claimed by no one (an expired claim counts as none), by ascending id after {@code afterId}, only ids with
     * {@code id % partitions == partition} (so the senders of one node never contend); returns what it claimed.
     */
    List<NoticeRecord> claimNext(NoticeChannel channel, String node, Instant now, Instant until, long afterId, int partition,
                                 int partitions, int limit);

    /** Pending notices of a channel whose next attempt is due and that no node holds claimed, by id after {@code afterId}. */
    List<NoticeRecord> deliverable(NoticeChannel channel, Instant now, long afterId, int limit);

    /** Claims a pending notice for {@code node} until {@code until}; false when it is sent or claimed by another. */
    boolean claim(long id, String node, Instant now, Instant until);

    /** Gives a claimed notice back untouched (its library is outside its sending window now). */
    void unclaim(long id);

    /** Marks a notice delivered (by {@code node}); {@code batchId} for a print batch, else null. */
    void sent(long id, Instant at, Long batchId);

    /** Records a failed attempt: the next attempt's time, or {@code next} null to mark the notice failed. */
    void failed(long id, int attempts, Instant next, String error);

    /** Notices by filter (null parts match all), newest first, and how many match in all. */
    Page list(Filter filter, int offset, int limit);

    /** Stores a print batch and returns its id. */
    long saveBatch(Instant at, int notices, byte[] pdf);

    /** A print batch by id, or the latest with {@code id} null. */
    Optional<PrintBatch> batch(Long id);

    record Recipient(long patronId, String barcode, String name, String email, String address, NoticePreference preference,
                     String language, String homeLibrary) {
    }

    record LoanFact(long loanId, Recipient patron, String library, Instant dueAt, String itemBarcode, String title,
                    String category, String itemType) {
    }

    /** {@code interlibraryLoan}: the item on the shelf was borrowed from a partner (a borrowing ILL request's item). */
    record HoldFact(long holdId, Recipient patron, String pickupLibrary, LocalDate lastShelfDay, String itemBarcode,
                    String title, boolean interlibraryLoan) {
    }

    record FeeFact(long feeId, Recipient patron, FeeType type, Money amount, String description, String itemBarcode,
                   String title, Instant chargedAt) {
    }

    record IllFact(long requestId, Recipient patron, String pickupLibrary, String title, String itemBarcode, Instant arrivedAt) {
    }

    record PatronFact(Recipient patron, LocalDate expires) {
    }

    /** A notice to record: rendered already, so a resend carries the same text and Message-ID. */
    record NewNotice(String key, NoticeType type, long patronId, String subjectRef, String library, NoticeChannel channel,
                     String recipient, String messageId, String subject, String text, String html, Instant createdAt) {
    }

    record NoticeRecord(long id, String key, NoticeType type, long patronId, String patronBarcode, String patronName,
                        String address, String subjectRef, String library, NoticeChannel channel, String recipient,
                        String messageId, String subject, String text, String html, NoticeState state, int attempts,
                        Instant createdAt, Instant nextAttemptAt, Instant sentAt, String lastError, Long batchId) {
    }

    record Filter(String patronBarcode, NoticeType type, NoticeState state, NoticeChannel channel, Instant from, Instant to) {
    }

    record Page(List<NoticeRecord> notices, long total) {
    }

    record PrintBatch(long id, Instant createdAt, int notices, byte[] pdf) {
    }
}
