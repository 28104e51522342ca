-- A terminal's newest stored request (a SIP2 retransmission after a reconnect to another gateway node asks for it).
CREATE INDEX ix_request_key_scope_created ON request_key (scope, created_at);
