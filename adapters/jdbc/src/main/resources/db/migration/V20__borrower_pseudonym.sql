-- Loan-history anonymisation keeps distinct borrowers exact: a patron's anonymised loans carry one pseudonym in
-- event_log.borrower however many housekeeping runs anonymise them (before, each run drew a new token, so a patron
-- whose loans of one month were anonymised on two days counted as two borrowers, and a half-anonymised patron as
-- two as well). The circulation report counts a patron's still-linked events by the same pseudonym. The row goes
-- when the patron is anonymised (the patron anonymise call), so from then on nothing links the history to them.
CREATE TABLE borrower_pseudonym (
    patron_id   BIGINT       NOT NULL PRIMARY KEY,
    borrower    VARCHAR(64)  NOT NULL,
    CONSTRAINT uq_borrower_pseudonym UNIQUE (borrower)
);

-- ix_event_log_item (item_id) repeats the first column of ix_event_log_item_id (item_id, id), which every query by
-- item uses as well; each event written paid for both with a write to a random B-tree page.
DROP INDEX ix_event_log_item;
