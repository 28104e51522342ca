-- Holds can be suspended (issue #11): a suspended hold keeps its place in the queue but is passed over when an item
-- is trapped, through the end of suspended_until (NULL: until staff resume it). Named after Koha's suspend/suspend_until.
ALTER TABLE hold ADD COLUMN suspended BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE hold ADD COLUMN suspended_until DATE;

-- The desk lists read the hold shelf and the items in transit by status.
CREATE INDEX ix_item_status ON item (status);
-- The transit list reads the latest event of each item in transit.
CREATE INDEX ix_event_log_item_id ON event_log (item_id, id);
