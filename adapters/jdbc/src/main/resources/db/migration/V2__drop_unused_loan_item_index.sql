-- No query reads loans by item_id alone: the open loan of an item is found through uq_loan_open_item,
-- and an item's history through event_log. Each checkout paid for this index with a write to a random
-- B-tree page.
DROP INDEX ix_loan_item;
