-- H2 only. H2 persists an identity sequence by committing its own system session, a full store of the
-- database file, each time its cache runs out (32 values by default): profiled at a fifth of the
-- writer's time under SIP2 load. A larger cache makes that rare; ids skip ahead after a crash, as before.
ALTER TABLE patron ALTER COLUMN id SET CACHE 4096;
ALTER TABLE patron_block ALTER COLUMN id SET CACHE 4096;
ALTER TABLE bib ALTER COLUMN id SET CACHE 4096;
ALTER TABLE item ALTER COLUMN id SET CACHE 4096;
ALTER TABLE loan ALTER COLUMN id SET CACHE 4096;
ALTER TABLE hold ALTER COLUMN id SET CACHE 4096;
ALTER TABLE fee ALTER COLUMN id SET CACHE 4096;
ALTER TABLE fee_credit ALTER COLUMN id SET CACHE 4096;
ALTER TABLE event_log ALTER COLUMN id SET CACHE 4096;
ALTER TABLE ill_request ALTER COLUMN id SET CACHE 4096;
ALTER TABLE circ_rule ALTER COLUMN id SET CACHE 4096;
