-- What readers muted: concepts (by id) and sources (by name). Erased with the reader.
CREATE TABLE mutes (
    reader_id VARCHAR(64)   NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    kind      VARCHAR(16)   NOT NULL,
    target    VARCHAR(1000) NOT NULL,
    label     VARCHAR(1000) NOT NULL,
    PRIMARY KEY (reader_id, kind, target)
);

-- Pages list articles newest first and concepts' articles by relevance: narrow indexes so these never
-- sort article bodies.
CREATE INDEX articles_newest ON articles (published_start, seq);
CREATE INDEX article_concepts_rank ON article_concepts (concept_id, relevance, article_id);
CREATE INDEX articles_story_newest ON articles (story, published_start, seq, id);
CREATE INDEX articles_id_newest ON articles (id, published_start, seq);
