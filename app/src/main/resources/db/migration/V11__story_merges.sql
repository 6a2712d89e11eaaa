-- Stories merged into others: each absorbed story id with the story it is part of now (chains flattened:
-- into_story is never itself absorbed). An alert decided for a story while another process merged it away
-- is read and recorded under the merged story through this table, so what readers were alerted of carries.
CREATE TABLE story_merges (
    absorbed   VARCHAR(200) PRIMARY KEY,
    into_story VARCHAR(200) NOT NULL,
    merged_at  BIGINT       NOT NULL
);
CREATE INDEX story_merges_into ON story_merges (into_story);
