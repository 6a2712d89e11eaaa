-- The follow change feed: every change to a follow (added, replaced, removed) leaves the ids it touched
-- under the follows_version it was given, so a follow index kept in memory catches up by reading only
-- what changed since its version. A version with no row here (a change made without recording it) makes
-- the reader fall back to reading every follow. Old rows are pruned: a reader that far behind reads all.
CREATE TABLE follow_changes (
    seq       BIGINT      NOT NULL,
    follow_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (seq, follow_id)
);
