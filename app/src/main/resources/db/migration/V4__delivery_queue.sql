-- Delivery as a queue (issue 7): retries with backoff, bounces and suppression, per-reader delivery
-- preferences, alert bookkeeping and webhooks. Portable between SQLite and PostgreSQL like V1.

-- pending | sent | bounced (a permanent refusal) | expired (too many transient failures) | suppressed
-- (the address was suppressed after the message was queued). Only pending rows are ever sent.
ALTER TABLE outbox ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'pending';
-- When the next attempt may start. A sender leases a row by moving this forward before it sends, so a
-- sender that dies mid-send leaves the message for whichever sender comes after the lease.
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
UPDATE outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_reader_kind ON outbox (reader_id, kind, created_at);

-- Every permanent refusal, newest last; enough of them for one address suppress it.
CREATE TABLE bounces (
    address    VARCHAR(320) NOT NULL,
    message_id VARCHAR(300) NOT NULL,
    reason     TEXT         NOT NULL,
    at         BIGINT       NOT NULL,
    PRIMARY KEY (address, message_id)
);

-- Addresses nothing is sent to any more.
CREATE TABLE suppressions (
    address    VARCHAR(320) PRIMARY KEY,
    reason     TEXT         NOT NULL,
    created_at BIGINT       NOT NULL
);

-- A reader's delivery preferences beside the reader record; a reader without a row has the defaults.
CREATE TABLE delivery_preferences (
    reader_id       VARCHAR(64) PRIMARY KEY REFERENCES readers (id) ON DELETE CASCADE,
    quiet_from      VARCHAR(8),
    quiet_until     VARCHAR(8),
    alerts_per_hour INTEGER     NOT NULL
);

-- What each reader was alerted of per story, so a story alerts again only when it brings something new.
CREATE TABLE alerted_stories (
    reader_id  VARCHAR(64)  NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    story      VARCHAR(200) NOT NULL,
    -- what the reader has seen of the story: concept ids and quote keys, one per line
    seen       TEXT         NOT NULL,
    updates    INTEGER      NOT NULL,
    last_at    BIGINT       NOT NULL,
    PRIMARY KEY (reader_id, story)
);

-- Alerts held back by quiet hours or the hourly cap; released together as one message.
CREATE TABLE held_alerts (
    reader_id  VARCHAR(64)  NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    article_id VARCHAR(200) NOT NULL,
    reason     TEXT         NOT NULL,
    held_at    BIGINT       NOT NULL,
    PRIMARY KEY (reader_id, article_id)
);

-- Signed webhooks: a reader's (reader_id set) or the admin's (reader_id null: every digest and alert).
CREATE TABLE webhooks (
    id         VARCHAR(64)  PRIMARY KEY,
    reader_id  VARCHAR(64)  REFERENCES readers (id) ON DELETE CASCADE,
    url        TEXT         NOT NULL,
    secret     VARCHAR(128) NOT NULL,
    created_at BIGINT       NOT NULL
);
