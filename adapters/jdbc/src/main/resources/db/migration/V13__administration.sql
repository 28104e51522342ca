-- Administration (staff API): code lists, the marks of what the configuration file defines, a revision counter
-- every administration change increments (other nodes poll it to refresh), and disabled SIP2 accounts.

-- kind: PATRON_CATEGORY or ITEM_TYPE (the code lists), LIBRARY or TERMINAL_ACCOUNT (only marking that the
-- configuration file defines that library or SIP2 account). from_configuration: defined by the configuration file.
CREATE TABLE code_entry (
    kind                VARCHAR(32)   NOT NULL,
    code                VARCHAR(255)  NOT NULL,
    description         VARCHAR(255),
    from_configuration  BOOLEAN       NOT NULL,
    PRIMARY KEY (kind, code)
);

CREATE TABLE settings_revision (
    id        INTEGER  NOT NULL PRIMARY KEY,
    revision  BIGINT   NOT NULL
);
INSERT INTO settings_revision (id, revision) VALUES (1, 0);

ALTER TABLE terminal_account ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
