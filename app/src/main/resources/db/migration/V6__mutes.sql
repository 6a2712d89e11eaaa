-- What readers muted: concepts (by id) and sources (by name). Erased with the reader.
CREATE TABLE mutes (
    reader_id VARCHAR(64)   NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    kind      VARCHAR(16)   NOT NULL,
    target    VARCHAR(1000) NOT NULL,
    label     VARCHAR(1000) NOT NULL,
    PRIMARY KEY (reader_id, kind, target)
);
