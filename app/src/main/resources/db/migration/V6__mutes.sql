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

-- A concept's page lists its articles about it first, newest first: with the article's date and
-- sequence beside each tag, that order comes straight out of one index.
ALTER TABLE article_concepts ADD COLUMN published_start BIGINT NOT NULL DEFAULT 0;
ALTER TABLE article_concepts ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE article_concepts SET
    published_start = (SELECT a.published_start FROM articles a WHERE a.id = article_concepts.article_id),
    seq = (SELECT a.seq FROM articles a WHERE a.id = article_concepts.article_id);
CREATE INDEX article_concepts_newest ON article_concepts (concept_id, relevance, published_start DESC, seq DESC);
