-- Issue #11, fees at the desk. Who took a credit and where (the cashier summary's staff member and library), the staff
-- note or reason, and the patron's balance right after it (printed on the receipt). NULL on credits taken before.
ALTER TABLE fee_credit ADD COLUMN actor VARCHAR(255);
ALTER TABLE fee_credit ADD COLUMN library VARCHAR(64);
ALTER TABLE fee_credit ADD COLUMN note VARCHAR(1000);
ALTER TABLE fee_credit ADD COLUMN balance_after NUMERIC(19, 2);
CREATE INDEX ix_fee_credit_library_at ON fee_credit (library, credited_at);

-- Disputes of fees: open while outcome is NULL (one open dispute per fee, checked by the engine); resolved UPHELD or
-- REJECTED with a note. An open dispute keeps its fee out of the fee-limit block.
CREATE TABLE fee_dispute (
    id               BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fee_id           BIGINT        NOT NULL REFERENCES fee (id),
    patron_id        BIGINT        NOT NULL REFERENCES patron (id),
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_by        VARCHAR(255),
    note             VARCHAR(1000) NOT NULL,
    resolved_at      TIMESTAMP WITH TIME ZONE,
    resolved_by      VARCHAR(255),
    outcome          VARCHAR(16),
    resolution_note  VARCHAR(1000)
);
CREATE INDEX ix_fee_dispute_patron ON fee_dispute (patron_id);
CREATE INDEX ix_fee_dispute_fee ON fee_dispute (fee_id);
