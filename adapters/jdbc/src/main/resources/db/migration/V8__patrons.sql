-- Patrons (issue #11): birth date, notice preference and language; search keys; typed staff blocks; the barcodes
-- of replaced (lost) cards; the event log by patron.

ALTER TABLE patron ADD COLUMN birth_date DATE;
ALTER TABLE patron ADD COLUMN notice_preference VARCHAR(8);
ALTER TABLE patron ADD COLUMN language VARCHAR(16);
-- Search keys, written by JdbcPatrons from core's PatronSearch.fold / PatronSearch.digits: the name and e-mail
-- folded (lower case, accents removed), the phone number's digits. Searches match their prefixes through these indexes.
ALTER TABLE patron ADD COLUMN name_key VARCHAR(255);
ALTER TABLE patron ADD COLUMN email_key VARCHAR(255);
ALTER TABLE patron ADD COLUMN phone_key VARCHAR(64);
UPDATE patron SET notice_preference = CASE WHEN email IS NULL OR email = '' THEN 'PRINT' ELSE 'EMAIL' END,
                  name_key = LOWER(name), email_key = LOWER(email);
CREATE INDEX ix_patron_name_key ON patron (name_key);
CREATE INDEX ix_patron_email_key ON patron (email_key);
CREATE INDEX ix_patron_phone_key ON patron (phone_key);

-- Block type (BlockType: MANUAL, LOST_CARD, ADDRESS_UNKNOWN, FEES, OTHER, KIOSK), a staff note and who placed it.
-- Blocks placed before typing: those a SIP2 kiosk placed (source SIP2) are KIOSK blocks, the others manual ones.
ALTER TABLE patron_block ADD COLUMN block_type VARCHAR(32);
ALTER TABLE patron_block ADD COLUMN note VARCHAR(1000);
ALTER TABLE patron_block ADD COLUMN placed_by VARCHAR(255);
UPDATE patron_block SET block_type = CASE WHEN source = 'SIP2' THEN 'KIOSK' ELSE 'MANUAL' END;
ALTER TABLE patron_block ALTER COLUMN block_type SET NOT NULL;

-- Barcodes of replaced cards, still bound to their patron: presenting one answers "card reported lost".
CREATE TABLE patron_lost_card (
    barcode      VARCHAR(64)   NOT NULL PRIMARY KEY,
    patron_id    BIGINT        NOT NULL REFERENCES patron (id),
    replaced_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_patron_lost_card_patron ON patron_lost_card (patron_id);

-- A patron's history (GET /patrons/{barcode}/history) reads the event log by patron, newest first.
CREATE INDEX ix_event_log_patron ON event_log (patron_id, id);
