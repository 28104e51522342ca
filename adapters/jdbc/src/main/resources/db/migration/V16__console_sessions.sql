-- Staff console sessions (staff-console): kept here so a session survives a restart of the gateway and every gateway
-- sharing the database accepts it. token_hash is the hex SHA-256 of the session cookie (the cookie itself is never
-- stored); credential a fingerprint of the account at sign-in (a change to the account ends the session).
CREATE TABLE console_session (
    token_hash  VARCHAR(64)   NOT NULL PRIMARY KEY,
    login       VARCHAR(64)   NOT NULL,
    credential  VARCHAR(64)   NOT NULL,
    csrf        VARCHAR(64)   NOT NULL,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_login ON console_session (login);
CREATE INDEX console_session_last_seen ON console_session (last_seen);
