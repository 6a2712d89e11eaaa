-- Tidings schema. Runs unchanged on SQLite and PostgreSQL: times are epoch milliseconds (BIGINT),
-- booleans are BOOLEAN (an integer 0/1 in SQLite), the one type that differs is the ${bytes} placeholder
-- (BLOB or BYTEA), and ids that must grow come from the counters table, not from a dialect's sequence.

-- Named numbers bumped inside the transaction that uses them. The row lock taken by the bump
-- serialises writers, so an article's seq is assigned in commit order (the index catch-up relies on it).
CREATE TABLE counters (
    name  VARCHAR(64) PRIMARY KEY,
    value BIGINT      NOT NULL
);
INSERT INTO counters (name, value) VALUES ('article_seq', 0);
INSERT INTO counters (name, value) VALUES ('follows_version', 0);
INSERT INTO counters (name, value) VALUES ('failure_id', 0);

CREATE TABLE articles (
    id              VARCHAR(200) PRIMARY KEY,
    url             TEXT,
    content_hash    VARCHAR(200) NOT NULL,
    title           TEXT         NOT NULL,
    -- the span the publication date stands for: [start, end) for a whole day, start = end for an instant;
    -- the ingest time when the article gave no date
    published_start BIGINT       NOT NULL,
    published_end   BIGINT       NOT NULL,
    date_only       BOOLEAN      NOT NULL,
    ingested_at     BIGINT       NOT NULL,
    language        VARCHAR(16)  NOT NULL,
    story           VARCHAR(200) NOT NULL,
    seq             BIGINT       NOT NULL UNIQUE,
    -- the whole Article as JSON: the columns above are for querying, this is what is read back
    body            TEXT         NOT NULL
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_story ON articles (story);
CREATE INDEX articles_published ON articles (published_start);

CREATE TABLE article_concepts (
    article_id VARCHAR(200) NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    concept_id VARCHAR(200) NOT NULL,
    relevance  VARCHAR(16)  NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (article_id, concept_id)
);
CREATE INDEX article_concepts_concept ON article_concepts (concept_id);

CREATE TABLE readers (
    id         VARCHAR(64)  PRIMARY KEY,
    email      VARCHAR(320) NOT NULL UNIQUE,
    zone       VARCHAR(64)  NOT NULL,
    digest_at  VARCHAR(16)  NOT NULL,
    frequency  VARCHAR(16)  NOT NULL,
    weekly_on  VARCHAR(16)  NOT NULL,
    confirmed  BOOLEAN      NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE TABLE follows (
    id         VARCHAR(64)  PRIMARY KEY,
    reader_id  VARCHAR(64)  NOT NULL REFERENCES readers (id),
    kind       VARCHAR(16)  NOT NULL,
    target     VARCHAR(1000) NOT NULL,
    label      VARCHAR(1000) NOT NULL,
    instant    BOOLEAN      NOT NULL,
    about_only BOOLEAN      NOT NULL,
    created_at BIGINT       NOT NULL,
    -- the order follows were added in; kept when a follow is replaced
    position   BIGINT       NOT NULL,
    UNIQUE (reader_id, target)
);

CREATE TABLE digests (
    reader_id    VARCHAR(64)  NOT NULL REFERENCES readers (id),
    period_start BIGINT       NOT NULL,
    period_end   BIGINT       NOT NULL,
    message_id   VARCHAR(300) NOT NULL,
    items        INTEGER      NOT NULL,
    outcome      VARCHAR(32)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (reader_id, period_end)
);
CREATE INDEX digests_created ON digests (created_at);

CREATE TABLE sent_items (
    reader_id  VARCHAR(64)  NOT NULL REFERENCES readers (id),
    article_id VARCHAR(200) NOT NULL,
    message_id VARCHAR(300) NOT NULL,
    sent_at    BIGINT       NOT NULL,
    PRIMARY KEY (reader_id, article_id)
);

CREATE TABLE outbox (
    message_id VARCHAR(300) PRIMARY KEY,
    reader_id  VARCHAR(64),
    recipient  VARCHAR(320) NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    mime       ${bytes}     NOT NULL,
    attempts   INTEGER      NOT NULL,
    last_error TEXT,
    created_at BIGINT       NOT NULL,
    sent_at    BIGINT
);
CREATE INDEX outbox_unsent ON outbox (sent_at, attempts, created_at);

CREATE TABLE failures (
    id      BIGINT       PRIMARY KEY,
    at      BIGINT       NOT NULL,
    where_  VARCHAR(2000) NOT NULL,
    kind    VARCHAR(64)  NOT NULL,
    message TEXT         NOT NULL
);
