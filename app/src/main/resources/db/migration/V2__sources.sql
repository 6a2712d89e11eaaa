-- Polled sources (feeds) and their health. Times are epoch milliseconds; ids come from the counters table.
INSERT INTO counters (name, value) VALUES ('source_id', 0);

CREATE TABLE sources (
    id                 BIGINT        PRIMARY KEY,
    url                VARCHAR(2000) NOT NULL UNIQUE,
    title              TEXT,
    -- the interval the operator asked for; the poller stretches it (bounded) for sources that rarely publish
    every_ms           BIGINT        NOT NULL,
    allow_private      BOOLEAN       NOT NULL,
    added_at           BIGINT        NOT NULL,
    -- validators of the last successful fetch, sent back for a conditional GET
    etag               TEXT,
    last_modified      TEXT,
    next_poll_at       BIGINT        NOT NULL,
    last_fetch_at      BIGINT,
    last_success_at    BIGINT,
    -- when a poll last brought an item not seen before
    last_new_at        BIGINT,
    items_total        BIGINT        NOT NULL,
    -- consecutive failures; zero after a success
    failures           INTEGER       NOT NULL,
    last_error_kind    VARCHAR(32),
    last_error_message TEXT,
    last_error_at      BIGINT
);
CREATE INDEX sources_next_poll ON sources (next_poll_at);
