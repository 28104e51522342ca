-- Each storage writer counts into rows of its own (shard = the writer's number, -1 outside the writers; 0 for the
-- rows V23 filled). Without it every writer updated the same row of a busy kiosk location, and on PostgreSQL each
-- waited for another's commit to do so; the reports sum over shards.
ALTER TABLE circ_day ADD COLUMN shard SMALLINT DEFAULT 0 NOT NULL;
ALTER TABLE circ_day DROP CONSTRAINT pk_circ_day;
ALTER TABLE circ_day ADD CONSTRAINT pk_circ_day PRIMARY KEY (local_day, library, channel, category, item_type, terminal, shard);
