-- H2 only, as V1_1: the fee dispute ids (V9) are cached like every other identity, so an insert rarely stores the file.
ALTER TABLE fee_dispute ALTER COLUMN id SET CACHE 4096;
