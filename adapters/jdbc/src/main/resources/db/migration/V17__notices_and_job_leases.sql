-- Notices (issue #13): the outbox. A notice is recorded here, rendered, before it is delivered, and marked sent
-- after; notice_key (type, patron and subject, e.g. 'overdue-2:17:loan:42') is unique, so a notice is recorded once
-- however often the job runs or on how many nodes. message_id stays the same for every attempt. A node claims a
-- notice (claimed_by, claimed_until) while it delivers it, so two nodes never send the same one at once.
CREATE TABLE notice (
    id              BIGINT         GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_key      VARCHAR(400)   NOT NULL,
    notice_type     VARCHAR(32)    NOT NULL,
    patron_id       BIGINT         NOT NULL REFERENCES patron (id),
    subject_ref     VARCHAR(255)   NOT NULL,
    library         VARCHAR(64),
    channel         VARCHAR(8)     NOT NULL,
    recipient       VARCHAR(255),
    message_id      VARCHAR(255)   NOT NULL,
    subject         VARCHAR(1000)  NOT NULL,
    body_text       VARCHAR(100000) NOT NULL,
    body_html       VARCHAR(200000),
    state           VARCHAR(8)     NOT NULL,
    attempts        INTEGER        NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    claimed_by      VARCHAR(255),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000),
    batch_id        BIGINT,
    CONSTRAINT uq_notice_key UNIQUE (notice_key)
);
CREATE INDEX ix_notice_state ON notice (state, channel, next_attempt_at);
CREATE INDEX ix_notice_patron ON notice (patron_id, created_at);
CREATE INDEX ix_notice_created ON notice (created_at);

-- Printed notices: one PDF per batch, one page per patron.
CREATE TABLE notice_batch (
    id          BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    notices     INTEGER       NOT NULL,
    pdf         BYTEA         NOT NULL
);

-- Jobs that run on one node at a time (issue #16): the node holding an unexpired lease runs the job.
CREATE TABLE job_lease (
    job_name    VARCHAR(64)   NOT NULL PRIMARY KEY,
    node        VARCHAR(255)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
