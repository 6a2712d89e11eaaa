-- What was sent to a reader, one row per message instead of one per article (issue 7). At ~150 articles a
-- digest, a round of 100,000 digests wrote 15M rows into sent_items and its scattered article index, and that
-- was the claim thread's bottleneck; now a claim writes one row.
--
-- article_ids holds the message's article ids separated by single spaces (ids are hashes; one with a space is
-- refused on write). newest is the latest ingested_at (epoch ms, stable across article updates) among them:
-- a list holding an article has newest >= that article's ingested_at, so a run asking about articles stored
-- since T reads only the lists with newest >= T (index sent_lists_newest). The key finds a reader's lists.
-- A rowid table on SQLite: rows of 2-3 KB are better apart from the key than inside a WITHOUT ROWID b-tree.
CREATE TABLE sent_lists (
    reader_id   VARCHAR(64)  NOT NULL REFERENCES readers (id),
    message_id  VARCHAR(300) NOT NULL,
    sent_at     BIGINT       NOT NULL,
    newest      BIGINT       NOT NULL,
    article_ids TEXT         NOT NULL,
    PRIMARY KEY (reader_id, message_id)
);

-- The old rows grouped by message; an article deleted since stands in with the time it was sent, which is
-- later than when it was stored. string_agg is in PostgreSQL and in SQLite since 3.44.
INSERT INTO sent_lists (reader_id, message_id, sent_at, newest, article_ids)
SELECT s.reader_id, s.message_id, MAX(s.sent_at), MAX(COALESCE(a.ingested_at, s.sent_at)),
       string_agg(s.article_id, ' ')
FROM sent_items s LEFT JOIN articles a ON a.id = s.article_id
GROUP BY s.reader_id, s.message_id;

CREATE INDEX sent_lists_newest ON sent_lists (newest);

DROP INDEX sent_items_article;
DROP TABLE sent_items;
