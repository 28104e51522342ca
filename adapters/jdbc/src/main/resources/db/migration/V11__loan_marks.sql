-- Marks on loans: LOST (the item was declared lost and the borrower billed; the fee ids let a later check-in refund
-- them) and CLAIMS_RETURNED (the borrower says it was returned; fines stop at marked_at). Kept after the loan
-- closes, so a patron's claims can be counted. No identity column: (loan_id, kind) is the key.
CREATE TABLE loan_mark (
    loan_id             BIGINT        NOT NULL,
    item_id             BIGINT        NOT NULL,
    patron_id           BIGINT        NOT NULL,
    kind                VARCHAR(16)   NOT NULL,
    marked_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor               VARCHAR(255),
    replacement_fee_id  BIGINT,
    processing_fee_id   BIGINT,
    CONSTRAINT pk_loan_mark PRIMARY KEY (loan_id, kind)
);
CREATE INDEX ix_loan_mark_patron ON loan_mark (patron_id, kind);
