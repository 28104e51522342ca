-- Stackbridge schema, version 1.
-- Written in the SQL subset that H2 2.3 (MODE=PostgreSQL) and PostgreSQL 14+ both accept:
-- identity columns, NUMERIC money, TIMESTAMP WITH TIME ZONE, BYTEA, plain UNIQUE constraints
-- (no partial indexes, no ON CONFLICT, no RETURNING).

CREATE TABLE library (
    code          VARCHAR(64)   NOT NULL PRIMARY KEY,
    name          VARCHAR(255)  NOT NULL,
    institution   VARCHAR(64)   NOT NULL,
    zone          VARCHAR(64)   NOT NULL
);

-- ISO day of week, 1 = Monday .. 7 = Sunday
CREATE TABLE library_closed_weekday (
    library_code  VARCHAR(64)   NOT NULL REFERENCES library (code) ON DELETE CASCADE,
    weekday       SMALLINT      NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    PRIMARY KEY (library_code, weekday)
);

CREATE TABLE library_closed_date (
    library_code  VARCHAR(64)   NOT NULL REFERENCES library (code) ON DELETE CASCADE,
    closed_on     DATE          NOT NULL,
    PRIMARY KEY (library_code, closed_on)
);

CREATE TABLE patron (
    id            BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    barcode       VARCHAR(64)   NOT NULL,
    pin_hash      VARCHAR(255),
    name          VARCHAR(255)  NOT NULL,
    category      VARCHAR(64)   NOT NULL,
    email         VARCHAR(255),
    phone         VARCHAR(64),
    address       VARCHAR(1000),
    expires       DATE,
    home_library  VARCHAR(64)   NOT NULL,
    card_lost     BOOLEAN       NOT NULL,
    CONSTRAINT uq_patron_barcode UNIQUE (barcode)
);

CREATE TABLE patron_block (
    id             BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patron_id      BIGINT        NOT NULL REFERENCES patron (id),
    source         VARCHAR(64),
    blocks_borrow  BOOLEAN       NOT NULL,
    blocks_renew   BOOLEAN       NOT NULL,
    blocks_request BOOLEAN       NOT NULL,
    reason         VARCHAR(1000),
    created_at     TIMESTAMP WITH TIME ZONE,
    expires_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_patron_block_patron ON patron_block (patron_id);

-- marc: the ISO 2709 record in UTF-8 (at most 99,999 bytes by the format), empty when none was imported
CREATE TABLE bib (
    id              BIGINT          GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    control_number  VARCHAR(64)     NOT NULL,
    title           VARCHAR(10000)  NOT NULL,
    author          VARCHAR(10000),
    isbn            VARCHAR(255),
    publisher       VARCHAR(10000),
    pub_year        VARCHAR(64),
    marc            BYTEA           NOT NULL,
    CONSTRAINT uq_bib_control_number UNIQUE (control_number)
);

-- No foreign key from item-referencing columns elsewhere: items may be deleted (temporary ILL items)
-- while their history stays in loans, fees and the event log.
CREATE TABLE item (
    id              BIGINT          GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    barcode         VARCHAR(64)     NOT NULL,
    bib_id          BIGINT          NOT NULL REFERENCES bib (id),
    item_type       VARCHAR(64)     NOT NULL,
    home_library    VARCHAR(64)     NOT NULL,
    current_library VARCHAR(64)     NOT NULL,
    location        VARCHAR(255),
    call_number     VARCHAR(255),
    price           NUMERIC(19, 2),
    status          VARCHAR(16)     NOT NULL,
    in_transit_to   VARCHAR(64),
    ill_request_id  BIGINT,
    CONSTRAINT uq_item_barcode UNIQUE (barcode)
);
CREATE INDEX ix_item_bib ON item (bib_id);

-- At most one open loan per item, enforced by the database: open_item_id equals item_id while the
-- loan is open and is NULL once returned; UNIQUE lets any number of NULLs through (no partial index
-- needed, which H2 lacks).
CREATE TABLE loan (
    id            BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id       BIGINT        NOT NULL,
    open_item_id  BIGINT,
    patron_id     BIGINT        NOT NULL REFERENCES patron (id),
    library       VARCHAR(64)   NOT NULL,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    returned_at   TIMESTAMP WITH TIME ZONE,
    renewals      INTEGER       NOT NULL,
    channel       VARCHAR(16)   NOT NULL,
    terminal      VARCHAR(255),
    CONSTRAINT uq_loan_open_item UNIQUE (open_item_id),
    CONSTRAINT ck_loan_open_marker CHECK ((returned_at IS NULL AND open_item_id = item_id)
                                          OR (returned_at IS NOT NULL AND open_item_id IS NULL))
);
CREATE INDEX ix_loan_item ON loan (item_id);
CREATE INDEX ix_loan_patron ON loan (patron_id, returned_at);

CREATE TABLE hold (
    id               BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patron_id        BIGINT        NOT NULL REFERENCES patron (id),
    bib_id           BIGINT        NOT NULL REFERENCES bib (id),
    item_id          BIGINT,
    pickup_library   VARCHAR(64),
    placed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_on       DATE,
    status           VARCHAR(16)   NOT NULL,
    trapped_item_id  BIGINT,
    shelf_expires_on DATE,
    ill_request_id   BIGINT
);
CREATE INDEX ix_hold_bib ON hold (bib_id, status);
CREATE INDEX ix_hold_patron ON hold (patron_id, status);
CREATE INDEX ix_hold_trapped ON hold (trapped_item_id);

-- Debits of the fee ledger; remaining is what is still owed.
CREATE TABLE fee (
    id           BIGINT         GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patron_id    BIGINT         NOT NULL REFERENCES patron (id),
    fee_type     VARCHAR(32)    NOT NULL,
    amount       NUMERIC(19, 2) NOT NULL,
    currency     CHAR(3)        NOT NULL,
    remaining    NUMERIC(19, 2) NOT NULL,
    item_id      BIGINT,
    loan_id      BIGINT,
    description  VARCHAR(1000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_fee_patron ON fee (patron_id);

-- Credits; (channel, reference) is unique when reference is set (NULLs never collide in a UNIQUE
-- constraint on either database), so a repeated transaction id never pays twice.
CREATE TABLE fee_credit (
    id           BIGINT         GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patron_id    BIGINT         NOT NULL REFERENCES patron (id),
    credit_type  VARCHAR(32)    NOT NULL,
    amount       NUMERIC(19, 2) NOT NULL,
    currency     CHAR(3)        NOT NULL,
    method       VARCHAR(255),
    reference    VARCHAR(255),
    channel      VARCHAR(16)    NOT NULL,
    terminal     VARCHAR(255),
    credited_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_fee_credit_reference UNIQUE (channel, reference)
);
CREATE INDEX ix_fee_credit_patron ON fee_credit (patron_id);

CREATE TABLE fee_allocation (
    credit_id    BIGINT         NOT NULL REFERENCES fee_credit (id),
    seq          INTEGER        NOT NULL,
    fee_id       BIGINT         NOT NULL REFERENCES fee (id),
    amount       NUMERIC(19, 2) NOT NULL,
    PRIMARY KEY (credit_id, seq)
);
CREATE INDEX ix_fee_allocation_fee ON fee_allocation (fee_id);

-- Append-only: the storage code only ever inserts here.
CREATE TABLE event_log (
    id          BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type  VARCHAR(32)   NOT NULL,
    actor       VARCHAR(255),
    channel     VARCHAR(16),
    terminal    VARCHAR(255),
    library     VARCHAR(64),
    patron_id   BIGINT,
    item_id     BIGINT,
    detail      VARCHAR(4000)
);
CREATE INDEX ix_event_log_at ON event_log (at);
CREATE INDEX ix_event_log_item ON event_log (item_id);

CREATE TABLE ill_request (
    id              BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role            VARCHAR(16)   NOT NULL,
    state           VARCHAR(32)   NOT NULL,
    partner_agency  VARCHAR(255)  NOT NULL,
    external_id     VARCHAR(255)  NOT NULL,
    patron_id       BIGINT,
    item_id         BIGINT,
    bib_id          BIGINT,
    title           VARCHAR(10000),
    pickup_library  VARCHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_ill_request_external UNIQUE (partner_agency, external_id, role)
);

-- Outcomes of keyed (idempotent) requests.
CREATE TABLE request_key (
    scope       VARCHAR(320)  NOT NULL,
    request_key VARCHAR(255)  NOT NULL,
    outcome     BYTEA         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_request_key PRIMARY KEY (scope, request_key)
);
CREATE INDEX ix_request_key_created ON request_key (created_at);

CREATE TABLE terminal_account (
    login          VARCHAR(255)  NOT NULL PRIMARY KEY,
    password_hash  VARCHAR(255)  NOT NULL,
    institution    VARCHAR(64)   NOT NULL,
    profile        VARCHAR(64)   NOT NULL
);

-- Rules kept in the database; NULL scope keys are wildcards. Money values are kept as decimal text so
-- they read back with the scale they were written with.
CREATE TABLE circ_rule (
    id                BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    library           VARCHAR(64),
    category          VARCHAR(64),
    item_type         VARCHAR(64),
    loan_period       INTEGER       NOT NULL,
    loan_unit         VARCHAR(8)    NOT NULL,
    renewals_allowed  INTEGER       NOT NULL,
    renewal_period    INTEGER       NOT NULL,
    max_loans         INTEGER       NOT NULL,
    fine_per_day      VARCHAR(40)   NOT NULL,
    grace_days        INTEGER       NOT NULL,
    fine_cap          VARCHAR(40),
    holds_allowed     BOOLEAN       NOT NULL,
    hold_shelf_days   INTEGER       NOT NULL,
    closed_days       VARCHAR(32)   NOT NULL,
    source            VARCHAR(255)  NOT NULL
);
