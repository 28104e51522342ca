-- Checking in a lent item looks up its ILL requests by item; without this every checkin read them all.
CREATE INDEX ix_ill_request_item ON ill_request (item_id);
