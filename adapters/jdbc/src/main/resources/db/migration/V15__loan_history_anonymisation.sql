-- Loan-history anonymisation (circulation.anonymise-loan-history-after-days, and the patron anonymise call): a
-- closed loan and its circulation events lose the patron link (patron_id NULL) and keep the patron's category, so
-- every report still counts them by category; borrower is an opaque token shared by the loans of one patron
-- anonymised together, which the circulation report counts distinct borrowers by.
ALTER TABLE loan ALTER COLUMN patron_id DROP NOT NULL;
ALTER TABLE loan ADD COLUMN patron_category VARCHAR(64);
ALTER TABLE event_log ADD COLUMN patron_category VARCHAR(64);
ALTER TABLE event_log ADD COLUMN borrower VARCHAR(64);
-- the job looks for closed loans by return date
CREATE INDEX ix_loan_returned ON loan (returned_at);
