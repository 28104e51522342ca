-- SIP2 terminal profiles edited through the staff API. A row overrides the configuration file's profile of the same
-- name (sip2.profiles); settings is the JSON object the API validated (snake_case fields), read by the SIP2 listener.
CREATE TABLE terminal_profile (
    name      VARCHAR(64)     NOT NULL PRIMARY KEY,
    settings  VARCHAR(60000)  NOT NULL
);
