-- The agent's state: inbound emails, drafts (the drafting queue), replies to send, the outbox, users and presence.
-- Plain SQL that PostgreSQL and H2 both run; times are epoch milliseconds; texts are unbounded VARCHAR.

CREATE TABLE agent_email (
    email_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    mailbox         VARCHAR(200)  NOT NULL,
    thread_id       VARCHAR(64)   NOT NULL,
    message_id      VARCHAR(1000) NOT NULL,
    from_address    VARCHAR(320)  NOT NULL,
    from_name       VARCHAR(400),
    subject         VARCHAR       NOT NULL,
    text            VARCHAR       NOT NULL,
    flags           VARCHAR       NOT NULL,
    received_at     BIGINT        NOT NULL,
    stored_at       BIGINT        NOT NULL,
    email_json      VARCHAR       NOT NULL
);
CREATE INDEX agent_email_by_thread ON agent_email (thread_id, received_at);

CREATE TABLE agent_draft (
    draft_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    email_id          VARCHAR(64)  NOT NULL,
    thread_id         VARCHAR(64)  NOT NULL,
    mailbox           VARCHAR(200) NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    version           BIGINT       NOT NULL,
    queued_at         BIGINT       NOT NULL,
    arrived_at        BIGINT       NOT NULL,
    lease_owner       VARCHAR(200),
    lease_until       BIGINT,
    attempts          INT          NOT NULL,
    failure           VARCHAR,
    text              VARCHAR,
    hand_off          BOOLEAN      NOT NULL,
    language          VARCHAR(35),
    passages          VARCHAR,
    history           VARCHAR,
    adapter_version   VARCHAR(200),
    top_score         DOUBLE PRECISION,
    top_similarity    DOUBLE PRECISION,
    mean_log_prob     DOUBLE PRECISION,
    queue_wait_ms     BIGINT,
    generation_ms     BIGINT,
    prompt_tokens     INT,
    generated_tokens  INT,
    tokens_per_second DOUBLE PRECISION,
    drafted_at        BIGINT,
    reviewer          VARCHAR(200),
    reviewed_at       BIGINT,
    sent_text         VARCHAR,
    reject_reason     VARCHAR,
    CONSTRAINT agent_draft_one_per_email UNIQUE (email_id)
);
CREATE INDEX agent_draft_by_status ON agent_draft (status, queued_at);
CREATE INDEX agent_draft_by_thread ON agent_draft (thread_id);

CREATE TABLE agent_reply (
    reply_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    draft_id        VARCHAR(64)  NOT NULL,
    mailbox         VARCHAR(200) NOT NULL,
    thread_id       VARCHAR(64)  NOT NULL,
    body            VARCHAR      NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    lease_owner     VARCHAR(200),
    lease_until     BIGINT,
    last_error      VARCHAR,
    message_id      VARCHAR(1000),
    created_at      BIGINT       NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX agent_reply_due ON agent_reply (status, next_attempt_at);

CREATE TABLE agent_outbox (
    event_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    topic         VARCHAR(249) NOT NULL,
    event_key     VARCHAR(1000) NOT NULL,
    payload       VARCHAR      NOT NULL,
    created_at    BIGINT       NOT NULL,
    published_at  BIGINT,
    lease_owner   VARCHAR(200),
    lease_until   BIGINT,
    attempts      INT          NOT NULL,
    last_error    VARCHAR
);
CREATE INDEX agent_outbox_pending ON agent_outbox (published_at, created_at);

CREATE TABLE agent_user (
    username      VARCHAR(200) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(32)  NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE agent_presence (
    draft_id  VARCHAR(64)  NOT NULL,
    username  VARCHAR(200) NOT NULL,
    seen_at   BIGINT       NOT NULL,
    PRIMARY KEY (draft_id, username)
);
