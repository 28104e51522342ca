-- Each storage opened on PostgreSQL takes a number from this sequence, so two gateway nodes on one database count
-- into different circ_day shards (node number x 64 + writer) and never wait for each other's commits either.
CREATE SEQUENCE circ_day_node START WITH 1;
