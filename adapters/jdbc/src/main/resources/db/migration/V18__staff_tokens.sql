-- Staff API bearer tokens (staff-api): kept here so a token survives a restart of the gateway and every gateway sharing
-- the database accepts it. token_hash is the hex SHA-256 of the token (the token itself is never stored); credential a
-- fingerprint of the account at login (a change to the account ends the token). Expired rows are purged by the
-- housekeeping job and at each login. A new table only: the previous release ignores it.
CREATE TABLE staff_token (
    token_hash  VARCHAR(64)   NOT NULL PRIMARY KEY,
    login       VARCHAR(64)   NOT NULL,
    credential  VARCHAR(64)   NOT NULL,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX staff_token_login ON staff_token (login);
CREATE INDEX staff_token_expires ON staff_token (expires);
CREATE INDEX staff_token_created ON staff_token (created);
