-- H2 only, as V1_1: the notice and print batch ids are cached like every other identity.
ALTER TABLE notice ALTER COLUMN id SET CACHE 4096;
ALTER TABLE notice_batch ALTER COLUMN id SET CACHE 4096;
